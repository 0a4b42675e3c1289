using Microsoft.Data.Sqlite;

namespace Linkage.Storage.Backup;

/// <summary>
/// An online copy of a gateway's SQLite file through SQLite's backup API, in one step: it reads one snapshot under a
/// read transaction, which in WAL mode never blocks the gateway's writers, and copies it page for page (unlike
/// <c>VACUUM INTO</c>, which rebuilds the file and may renumber rows). Every write committed before the copy began is
/// in it. The copy is switched to a rollback journal, so it is one self-contained file; the gateway switches it back
/// to WAL when it starts on it.
/// </summary>
public sealed class SqliteBackupSource(string databasePath) : IBackupSource
{
    public const string ProviderName = "sqlite";

    /// <summary>The database's name inside the archive, whatever the file was called.</summary>
    public const string DatabaseFile = "linkage.db";

    public string Provider => ProviderName;

    public async Task<BackupSnapshot> TakeAsync(string folder, CancellationToken ct)
    {
        if (!File.Exists(databasePath)) throw new FileNotFoundException($"No database file at {databasePath}.", databasePath);
        var copy = Path.Combine(folder, DatabaseFile);
        // Made owner-only before SQLite opens it, which keeps the mode of a file that exists.
        await PrivateFiles.Create(copy).DisposeAsync();

        // ReadWrite, not ReadWriteCreate: a file removed meanwhile is an error, not a new empty database.
        await using var source = Open(databasePath, SqliteOpenMode.ReadWrite);
        await using var destination = Open(copy, SqliteOpenMode.ReadWrite);
        await source.OpenAsync(ct);
        await destination.OpenAsync(ct);
        Execute(source, "PRAGMA busy_timeout=30000;");
        await Task.Run(() => source.BackupDatabase(destination), ct);
        Execute(destination, "PRAGMA journal_mode=DELETE;");
        var facts = DatabaseFacts.Read(destination);
        return new BackupSnapshot([copy], facts.InstitutionCode, facts.Schema, facts.Chains);
    }

    /// <summary>Outside the connection pool, so nothing of either file stays open once the copy is taken.</summary>
    internal static SqliteConnection Open(string path, SqliteOpenMode mode) => new(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = false,
        DefaultTimeout = 30,
    }.ToString());

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
