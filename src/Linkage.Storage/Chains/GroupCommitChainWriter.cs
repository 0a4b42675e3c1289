using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Linkage.Storage.Database;

namespace Linkage.Storage.Chains;

/// <summary>
/// The only writer of one hash chain (the provision records, the operation log). Concurrent appends queue up; one
/// loop takes whatever is waiting, writes it in one transaction with one flush (synchronous=FULL), and only then
/// completes the callers. The chain needs a single writer anyway, and group commit turns that into throughput.
/// </summary>
public abstract class GroupCommitChainWriter<TItem>(string connectionString, ILogger logger) : BackgroundService
{
    private const int MaxBatch = 512;

    private readonly Channel<(TItem Item, TaskCompletionSource<long> Done)> _queue =
        Channel.CreateUnbounded<(TItem, TaskCompletionSource<long>)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>For logs: which chain this is.</summary>
    protected abstract string ChainName { get; }

    /// <summary>Selects the sequence and hash of the newest entry.</summary>
    protected abstract string TailQuery { get; }

    /// <summary>The genesis "previous hash".</summary>
    protected abstract byte[] Genesis { get; }

    protected abstract SqliteCommand PrepareInsert(SqliteConnection connection);

    /// <summary>Sets the insert's parameters for <paramref name="item"/> at <paramref name="sequence"/>; returns its hash.</summary>
    protected abstract byte[] Bind(SqliteCommand insert, TItem item, long sequence, byte[] previousHash);

    /// <summary>Settings of the writer's own connection beyond the common pragmas.</summary>
    protected virtual void Configure(SqliteConnection connection) { }

    /// <summary>Whether <paramref name="item"/> carries writes that must land in its entry's transaction.</summary>
    protected virtual bool HasAlongside(TItem item) => false;

    /// <summary>
    /// Writes what must land with <paramref name="item"/>'s entry. Throwing a <see cref="Domain.Errors.DomainException"/>
    /// refuses this one entry: it and its writes are rolled back, the rest of the batch goes on, and the caller gets the
    /// refusal.
    /// </summary>
    protected virtual void WriteAlongside(SqliteConnection connection, SqliteTransaction transaction, TItem item) { }

    /// <summary>Completes once the entry is durable, with its sequence.</summary>
    protected Task<long> EnqueueAsync(TItem item)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((item, done)))
            throw new InvalidOperationException($"The {ChainName} writer has stopped.");
        // Deliberately not cancellable once queued: the entry may already be on disk, and the caller must not
        // conclude otherwise.
        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A thread of its own: SQLite's commit blocks for the flush, and a thread-pool thread blocked for most of
            // every millisecond leaves one of two cores idle under load.
            await Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (Exception error)
        {
            // Without this writer nothing that must be recorded may proceed: fail every waiting and later caller at once.
            ChainWriterLog.Stopped(logger, error, ChainName);
            _queue.Writer.TryComplete(error);
            while (_queue.Reader.TryRead(out var pending)) pending.Done.TrySetException(error);
            throw;
        }
    }

    private void WriteLoop()
    {
        // Its own connection, outside the shared pool: its settings must not pass to EF's connections.
        using var connection = SqlitePragmas.Unpooled(connectionString);
        connection.Open();
        SqlitePragmas.ApplyForWriter(connection);
        Configure(connection);
        var (sequence, previousHash) = ReadTail(connection);
        using var insert = PrepareInsert(connection);

        var batch = new List<(TItem Item, TaskCompletionSource<long> Done)>(MaxBatch);
        var sequences = new long[MaxBatch];
        var refusals = new Domain.Errors.DomainException?[MaxBatch];
        while (_queue.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);

            var nextSequence = sequence;
            var nextHash = previousHash;
            try
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                for (var i = 0; i < batch.Count; i++)
                {
                    refusals[i] = null;
                    var item = batch[i].Item;
                    if (!HasAlongside(item))
                    {
                        nextHash = Bind(insert, item, ++nextSequence, nextHash);
                        insert.ExecuteNonQuery();
                        sequences[i] = nextSequence;
                        continue;
                    }
                    // A savepoint for an entry with writes of its own: one refused decision must not undo the batch.
                    Execute(connection, transaction, "SAVEPOINT entry");
                    try
                    {
                        var hash = Bind(insert, item, nextSequence + 1, nextHash);
                        insert.ExecuteNonQuery();
                        WriteAlongside(connection, transaction, item);
                        Execute(connection, transaction, "RELEASE entry");
                        nextHash = hash;
                        sequences[i] = ++nextSequence;
                    }
                    catch (Domain.Errors.DomainException refusal)
                    {
                        Execute(connection, transaction, "ROLLBACK TO entry; RELEASE entry");
                        refusals[i] = refusal;
                    }
                }
                transaction.Commit();
            }
            catch (Exception error)
            {
                ChainWriterLog.BatchFailed(logger, error, batch.Count, ChainName);
                foreach (var pending in batch) pending.Done.TrySetException(error);
                // Start again from what is really on disk.
                (sequence, previousHash) = ReadTail(connection);
                continue;
            }

            for (var i = 0; i < batch.Count; i++)
                if (refusals[i] is { } refusal) batch[i].Done.TrySetException(refusal);
                else batch[i].Done.TrySetResult(sequences[i]);
            sequence = nextSequence;
            previousHash = nextHash;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Finish what was queued: those callers are waiting for durability, not for an error.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private (long Sequence, byte[] Hash) ReadTail(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TailQuery;
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader[1]) : (0, Genesis);
    }
}

internal static partial class ChainWriterLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "The {Chain} writer stopped; nothing can be recorded until restart")]
    public static partial void Stopped(ILogger logger, Exception error, string chain);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing a batch of {Count} entries of the {Chain} failed; none of them was stored")]
    public static partial void BatchFailed(ILogger logger, Exception error, int count, string chain);
}
