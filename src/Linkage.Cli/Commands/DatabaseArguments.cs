using System.CommandLine;
using Linkage.Storage.Database;
using Linkage.Storage.PostgreSql;

namespace Linkage.Cli.Commands;

/// <summary>
/// Where an offline command finds an institution's data: its SQLite file (<c>--database</c>), or its PostgreSQL
/// schema through the institution's own connection string (<c>--postgres</c>, as in Storage:ConnectionString).
/// </summary>
internal sealed class DatabaseArguments(string fileDescription = "The gateway's SQLite file (Gateway:DatabasePath)",
    string postgresDescription = "The institution's PostgreSQL connection string (Storage:ConnectionString), instead of --database")
{
    public Option<string?> File { get; } = new("--database") { Description = fileDescription };

    public Option<string?> Postgres { get; } = new("--postgres") { Description = postgresDescription };

    /// <summary>Adds both options to <paramref name="command"/>, and makes naming neither or both a usage error.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(File);
        command.Options.Add(Postgres);
        command.Validators.Add(result =>
        {
            if (string.IsNullOrEmpty(result.GetValue(File)) == string.IsNullOrEmpty(result.GetValue(Postgres)))
                result.AddError(OneOfThem);
        });
    }

    private const string OneOfThem = "Name the institution's data with exactly one of --database and --postgres.";

    /// <summary>The one of the two named on the command line: a file path, or a connection string.</summary>
    public (string? File, string? Postgres) Chosen(ParseResult parsed) => (parsed.GetValue(File), parsed.GetValue(Postgres)) switch
    {
        ({ Length: > 0 } path, null or "") => (path, null),
        (null or "", { Length: > 0 } connection) => (null, connection),
        _ => throw new ArgumentException(OneOfThem),
    };

    /// <summary>The database named on the command line, and how to name it in output (never a password).</summary>
    public (StorageDatabase Database, string Shown) Open(ParseResult parsed) => Chosen(parsed) switch
    {
        ({ } path, _) => (new SqliteStorage(path), path),
        (_, var connection) => OpenPostgres(connection!),
    };

    private static (StorageDatabase, string) OpenPostgres(string connection)
    {
        var database = new PostgresStorage(connection);
        return (database, $"schema {database.Schema}");
    }
}
