using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Database;

/// <summary>An institution's data in one SQLite file (WAL; see <see cref="SqlitePragmas"/>).</summary>
public sealed class SqliteStorage(string databasePath) : StorageDatabase
{
    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override string ConnectionString { get; } = SqlitePragmas.ConnectionString(databasePath);

    public string DatabasePath { get; } = databasePath;

    public override void ConfigureContext(DbContextOptionsBuilder options) =>
        options.UseSqlite(ConnectionString).AddInterceptors(new SqlitePragmas());

    public override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        SqlitePragmas.Apply(connection);
        return connection;
    }

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        SqlitePragmas.Apply(connection);
        return connection;
    }

    public override DbConnection OpenChainWriter(bool survivesProcessCrashOnly = false)
    {
        // Its own connection, outside the shared pool: its settings must not pass to EF's connections.
        var connection = SqlitePragmas.Unpooled(ConnectionString);
        connection.Open();
        SqlitePragmas.ApplyForWriter(connection);
        if (survivesProcessCrashOnly) connection.Command("PRAGMA synchronous=NORMAL;").ExecuteNonQuery();
        return connection;
    }

    public override DbConnection OpenReadOnly()
    {
        // Unpooled: these connections are read-only, and must never be handed to a writer.
        var connection = SqlitePragmas.Unpooled(ConnectionString);
        connection.Open();
        connection.Command("PRAGMA query_only=1;").ExecuteNonQuery();
        return connection;
    }

    public override Task MigrateAsync(LinkageDbContext context, CancellationToken ct) => DatabaseInitializer.MigrateAsync(context, ct);

    // BEGIN IMMEDIATE takes the file's one write lock at once, not at the first write.
    public override DbTransaction BeginWriting(DbConnection connection, string table) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: false);
}
