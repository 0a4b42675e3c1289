using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.Storage.Database;

/// <summary>
/// Copies the write-ahead log back into the database file from its own connection and thread, twice a second. Left to
/// SQLite, the checkpoint runs inside whichever commit crosses 1,000 pages, and that is nearly always the record
/// writer's: every provision waiting on that commit would wait for a thousand page writes and a second flush as well.
/// A passive checkpoint never blocks the writer, but under steady load it never quite catches up with it, and only a
/// fully copied log starts over from its beginning. So the record writer keeps an automatic checkpoint at a high mark
/// (<see cref="Records.GroupCommitRecordWriter.AutoCheckpointPages"/>): when it fires, this service has already copied
/// nearly everything, the writer finishes the rest in one short commit, and the log starts over. (A truncating
/// checkpoint from here was tried: waiting for the writer's lock it sleeps in SQLite's busy handler, and the writer,
/// blocked behind it, sleeps in its own, stalling every answer for up to tens of milliseconds.)
/// </summary>
public sealed partial class WalCheckpointer(string connectionString, ILogger<WalCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A thread of its own: a checkpoint blocks for its page writes and flush, which a thread-pool thread should not.
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        using var connection = SqlitePragmas.Unpooled(connectionString);
        using var passive = connection.CreateCommand();
        passive.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        var failing = false;
        while (!stoppingToken.WaitHandle.WaitOne(Interval))
        {
            try
            {
                if (connection.State != System.Data.ConnectionState.Open) connection.Open();
                passive.ExecuteNonQuery();
                if (failing) LogCheckpointsResumed(logger);
                failing = false;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The writer's own checkpoint keeps the log bounded meanwhile; the next round retries. Say so once.
                if (!failing) LogCheckpointFailed(logger, error);
                failing = true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing the write-ahead log failed; it grows until a later round succeeds")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpointing the write-ahead log works again")]
    private static partial void LogCheckpointsResumed(ILogger logger);
}
