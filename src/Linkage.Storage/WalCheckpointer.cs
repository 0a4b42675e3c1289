using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.Storage;

/// <summary>
/// Copies the write-ahead log back into the database file from its own connection, twice a second. Left to SQLite,
/// the checkpoint runs inside whichever commit crosses 1,000 pages, and that is nearly always the record writer's:
/// every provision waiting on that commit would wait for a thousand page writes and a second flush as well. The record
/// writer turns its automatic checkpoint off and relies on this; a passive checkpoint never blocks it.
/// </summary>
public sealed partial class WalCheckpointer(string connectionString, ILogger<WalCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(stoppingToken);
                checkpoint.ExecuteNonQuery();
                failing = false;
            }
            catch (SqliteException error)
            {
                // The log only grows meanwhile; the next round retries. Say so once, not twice a second.
                if (!failing) LogCheckpointFailed(logger, error);
                failing = true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing the write-ahead log failed; it grows until a later round succeeds")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception error);
}
