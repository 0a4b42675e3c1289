using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.Storage;

/// <summary>
/// Copies the write-ahead log back into the database file from its own connection and thread, twice a second. Left to
/// SQLite, the checkpoint runs inside whichever commit crosses 1,000 pages, and that is nearly always the record
/// writer's: every provision waiting on that commit would wait for a thousand page writes and a second flush as well.
/// A passive checkpoint never blocks the writer, but under steady load it never catches up with it either, and only a
/// fully copied log starts over from its beginning; so once the log passes <c>restartFrames</c>, one truncating
/// checkpoint briefly holds the writer back (the passive rounds have already copied nearly everything) and the log
/// starts again. The record writer keeps a large automatic checkpoint as a backstop should this service fail.
/// </summary>
public sealed partial class WalCheckpointer(string connectionString, ILogger<WalCheckpointer> logger, int restartFrames = 8_192)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A thread of its own: a checkpoint blocks for its page writes and flush, which a thread-pool thread should not.
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        using var passive = connection.CreateCommand();
        passive.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var truncate = connection.CreateCommand();
        truncate.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        var failing = false;
        while (!stoppingToken.WaitHandle.WaitOne(Interval))
        {
            try
            {
                if (connection.State != System.Data.ConnectionState.Open) connection.Open();
                if (LogFrames(passive) >= restartFrames) truncate.ExecuteNonQuery();
                if (failing) LogCheckpointsResumed(logger);
                failing = false;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The log only grows meanwhile (up to the writer's backstop); the next round retries. Say so once.
                if (!failing) LogCheckpointFailed(logger, error);
                failing = true;
            }
        }
    }

    /// <summary>Runs a checkpoint and returns how many frames the log holds (its second result column).</summary>
    private static long LogFrames(SqliteCommand checkpoint)
    {
        using var result = checkpoint.ExecuteReader();
        return result.Read() ? result.GetInt64(1) : 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing the write-ahead log failed; it grows until a later round succeeds")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpointing the write-ahead log works again")]
    private static partial void LogCheckpointsResumed(ILogger logger);
}
