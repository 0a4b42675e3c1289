using System.CommandLine;
using Linkage.Storage.Database;
using Linkage.Storage.PostgreSql;

namespace Linkage.Cli.Commands;

/// <summary>
/// Where an offline command finds an institution's data: its SQLite file (<c>--database</c>), or its PostgreSQL
/// schema through the institution's own connection string (<c>--postgres</c>, as in Storage:ConnectionString).
/// </summary>
internal sealed class DatabaseArguments
{
    public Option<string?> File { get; } = new("--database") { Description = "The gateway's SQLite file (Gateway:DatabasePath)" };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "The institution's PostgreSQL connection string (Storage:ConnectionString), instead of --database",
    };

    public IEnumerable<Option> Options => [File, Postgres];

    /// <summary>The database named on the command line, and how to name it in output (never a password).</summary>
    public (StorageDatabase Database, string Shown) Open(ParseResult parsed) => (parsed.GetValue(File), parsed.GetValue(Postgres)) switch
    {
        ({ Length: > 0 } path, null or "") => (new SqliteStorage(path), path),
        (null or "", { Length: > 0 } connection) => OpenPostgres(connection),
        _ => throw new ArgumentException("Name the institution's data with exactly one of --database and --postgres."),
    };

    private static (StorageDatabase, string) OpenPostgres(string connection)
    {
        var database = new PostgresStorage(connection);
        return (database, $"schema {database.Schema}");
    }
}
