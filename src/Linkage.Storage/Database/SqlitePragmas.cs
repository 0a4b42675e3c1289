using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Linkage.Storage.Database;

/// <summary>
/// Per-connection settings. WAL lets readers run beside the one writer; synchronous=FULL makes every commit durable
/// before it returns, so an acknowledged write survives a crash of the process and of the machine. Every connection
/// waits for the write lock inside SQLite (busy_timeout): without it Microsoft.Data.Sqlite sleeps 150 ms on each busy
/// answer, and a staff member's write that meets a chain writer's commit would wait that long.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const string Statements = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    public static void Apply(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Statements;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// How long a chain writer's own connection waits for the write lock inside SQLite, whose busy handler tries again
    /// after 1, 2, 5, 10 ms and so on: the same limit as Microsoft.Data.Sqlite's command timeout.
    /// </summary>
    public const int WriterBusyTimeoutMilliseconds = 30_000;

    /// <summary>
    /// The settings of a connection that writes for many callers at once (the chain writers): the common ones, and a
    /// busy timeout. Another connection's short write (the checkpoint job's seal, an administrator's change) may hold
    /// the lock for a moment; without a busy timeout, SQLite reports busy at once and Microsoft.Data.Sqlite sleeps
    /// 150 ms before each retry, and every caller waiting on the writer's batch waits those 150 ms with it.
    /// </summary>
    public static void ApplyForWriter(SqliteConnection connection)
    {
        Apply(connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout={WriterBusyTimeoutMilliseconds};";
        command.ExecuteNonQuery();
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Apply((SqliteConnection)connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply((SqliteConnection)connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A connection of its own, outside Microsoft.Data.Sqlite's pool: for the record writer, the checkpointer and the
    /// read pool, whose per-connection settings (read-only, checkpoint mark) must never pass to another user.
    /// </summary>
    public static SqliteConnection Unpooled(string connectionString) =>
        new(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());

    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();
}
