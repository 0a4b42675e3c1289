using System.Threading.Channels;
using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Linkage.Storage.Database;

namespace Linkage.Storage.Chains;

/// <summary>
/// The only writer of one node's hash chain (its provision records, its operation log): each gateway node of an
/// institution appends to chains of its own in the shared tables, keyed by (Node, Sequence), and reads only its own
/// chain's tail, so two nodes never contend for a sequence number. Concurrent appends queue up; one
/// loop takes whatever is waiting, writes it in one transaction with one flush (SQLite synchronous=FULL, PostgreSQL
/// synchronous_commit=on), and only then completes the callers. The chain needs a single writer anyway, and group
/// commit turns that into throughput. On PostgreSQL the batch's inserts go to the server together (one round trip per
/// batch, not per entry: see <see cref="InsertBatch"/>), so a batch costs about what a multi-row insert does.
/// </summary>
public abstract class GroupCommitChainWriter<TItem>(StorageDatabase database, string node, ILogger logger) : BackgroundService
{
    /// <summary>The node whose chain this writer appends to: the @node of <see cref="TailQuery"/> and of every insert.</summary>
    protected string Node { get; } = node;

    /// <summary>The provider this chain is stored by.</summary>
    protected StorageProvider Provider { get; } = database.Provider;

    private const int MaxBatch = 512;

    private readonly Channel<(TItem Item, TaskCompletionSource<long> Done)> _queue =
        Channel.CreateUnbounded<(TItem, TaskCompletionSource<long>)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>For logs: which chain this is.</summary>
    protected abstract string ChainName { get; }

    /// <summary>Selects the sequence and hash of the newest entry of the chain of node @node.</summary>
    protected abstract string TailQuery { get; }

    /// <summary>The genesis "previous hash".</summary>
    protected abstract byte[] Genesis { get; }

    /// <summary>The INSERT of one entry, its parameters named as <see cref="Bind"/> sets them (and @node, set here).</summary>
    protected abstract string InsertSql { get; }

    /// <summary>Sets the insert's parameters for <paramref name="item"/> at <paramref name="sequence"/>; returns its hash.</summary>
    protected abstract byte[] Bind(EntryParameters insert, TItem item, long sequence, byte[] previousHash);

    /// <summary>Settings of the writer's own connection beyond the provider's durable ones.</summary>
    protected virtual void Configure(DbConnection connection) { }

    /// <summary>Whether this chain's commits need only survive a crash of the process (see <see cref="StorageDatabase.OpenChainWriter"/>).</summary>
    protected virtual bool SurvivesProcessCrashOnly => false;

    /// <summary>Whether <paramref name="item"/> carries writes that must land in its entry's transaction.</summary>
    protected virtual bool HasAlongside(TItem item) => false;

    /// <summary>
    /// Writes what must land with <paramref name="item"/>'s entry. Throwing a <see cref="Domain.Errors.DomainException"/>
    /// refuses this one entry: it and its writes are rolled back, the rest of the batch goes on, and the caller gets the
    /// refusal.
    /// </summary>
    protected virtual void WriteAlongside(DbConnection connection, DbTransaction transaction, TItem item) { }

    /// <summary>
    /// Before the batch's entries are bound: refuses those that must not be written at all (their slot in
    /// <paramref name="refusals"/> set), in the batch's transaction, so that what this claims lands with the entries or
    /// not at all. A refused entry takes no sequence number: the chain goes on without it.
    /// </summary>
    protected virtual void Claim(DbConnection connection, DbTransaction transaction, IReadOnlyList<TItem> items,
        Domain.Errors.DomainException?[] refusals) { }

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
        Connection? writer = null;
        var batch = new List<(TItem Item, TaskCompletionSource<long> Done)>(MaxBatch);
        var sequences = new long[MaxBatch];
        var refusals = new Domain.Errors.DomainException?[MaxBatch];
        var pause = TimeSpan.Zero;
        try
        {
            while (_queue.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
            {
                if (writer is null)
                {
                    try
                    {
                        writer = Connect();
                        if (pause > TimeSpan.Zero) ChainWriterLog.Reconnected(logger, ChainName);
                        pause = TimeSpan.Zero;
                    }
                    catch (Exception error)
                    {
                        // The database is away (a crashed primary, a standby not yet promoted): the waiting callers are
                        // told at once that nothing of theirs was written, rather than held until it returns.
                        if (pause == TimeSpan.Zero) ChainWriterLog.Unreachable(logger, error, ChainName);
                        while (_queue.Reader.TryRead(out var waiting)) waiting.Done.TrySetException(error);
                        pause = pause == TimeSpan.Zero ? MinPause : TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
                        Thread.Sleep(pause);
                        continue;
                    }
                }

                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
                var committing = false;
                try
                {
                    try
                    {
                        (writer.Sequence, writer.PreviousHash) = WriteBatch(writer, batch, sequences, refusals, ref committing);
                    }
                    catch (Exception) when (!committing && writer.Db.State != System.Data.ConnectionState.Open)
                    {
                        // The connection was found dead before the commit was sent (a server that went away while this
                        // writer was idle), so nothing of the batch was written: it goes once more on a new connection.
                        writer.Dispose();
                        writer = null;
                        writer = Connect();
                        (writer.Sequence, writer.PreviousHash) = WriteBatch(writer, batch, sequences, refusals, ref committing);
                    }
                }
                catch (Exception error)
                {
                    ChainWriterLog.BatchFailed(logger, error, batch.Count, ChainName);
                    foreach (var pending in batch) pending.Done.TrySetException(error);
                    // Start again from what is really in the database: a commit whose answer the server never sent may
                    // have landed. A connection that cannot even read that is broken, and a new one reads it instead.
                    try
                    {
                        if (writer is not null) (writer.Sequence, writer.PreviousHash) = ReadTail(writer.Db);
                    }
                    catch (Exception)
                    {
                        writer?.Dispose();
                        writer = null;
                    }
                    continue;
                }

                for (var i = 0; i < batch.Count; i++)
                    if (refusals[i] is { } refusal) batch[i].Done.TrySetException(refusal);
                    else batch[i].Done.TrySetResult(sequences[i]);
            }
        }
        finally
        {
            writer?.Dispose();
        }
    }

    private static readonly TimeSpan MinPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(500);

    /// <summary>The writer's own connection, its prepared inserts and the chain's tail as the database has it.</summary>
    private sealed class Connection(DbConnection db, InsertBatch inserts) : IDisposable
    {
        public DbConnection Db { get; } = db;
        public InsertBatch Inserts { get; } = inserts;
        public long Sequence { get; set; }
        public byte[] PreviousHash { get; set; } = [];

        public void Dispose()
        {
            Inserts.Dispose();
            Db.Dispose();
        }
    }

    private Connection Connect()
    {
        var db = database.OpenChainWriter(SurvivesProcessCrashOnly);
        try
        {
            Configure(db);
            var (sequence, previousHash) = ReadTail(db);
            return new Connection(db, new InsertBatch(db, InsertSql)) { Sequence = sequence, PreviousHash = previousHash };
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="batch"/> in one transaction; returns the chain's new tail. <paramref name="committing"/>
    /// is set once the commit is sent: a failure before it left nothing written.
    /// </summary>
    private (long Sequence, byte[] Hash) WriteBatch(Connection writer, List<(TItem Item, TaskCompletionSource<long> Done)> batch,
        long[] sequences, Domain.Errors.DomainException?[] refusals, ref bool committing)
    {
        var (connection, inserts) = (writer.Db, writer.Inserts);
        var nextSequence = writer.Sequence;
        var nextHash = writer.PreviousHash;
        using var transaction = connection.BeginTransaction();
        inserts.Begin(transaction);
        Array.Clear(refusals);
        Claim(connection, transaction, batch.ConvertAll(pending => pending.Item), refusals);
        for (var i = 0; i < batch.Count; i++)
        {
            if (refusals[i] is not null) continue;
            var item = batch[i].Item;
            if (!HasAlongside(item))
            {
                nextHash = Bind(Entry(inserts), item, ++nextSequence, nextHash);
                sequences[i] = nextSequence;
                continue;
            }
            // A savepoint for an entry with writes of its own: one refused decision must not undo the batch.
            inserts.Flush();
            connection.Execute(transaction, "SAVEPOINT entry");
            try
            {
                var hash = Bind(Entry(inserts), item, nextSequence + 1, nextHash);
                inserts.Flush();
                WriteAlongside(connection, transaction, item);
                connection.Execute(transaction, "RELEASE SAVEPOINT entry");
                nextHash = hash;
                sequences[i] = ++nextSequence;
            }
            catch (Domain.Errors.DomainException refusal)
            {
                connection.Execute(transaction, "ROLLBACK TO SAVEPOINT entry");
                connection.Execute(transaction, "RELEASE SAVEPOINT entry");
                refusals[i] = refusal;
            }
        }
        inserts.Flush();
        // From here a failure leaves the outcome unknown (the server may have committed and died before saying so).
        committing = true;
        transaction.Commit();
        return (nextSequence, nextHash);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Finish what was queued: those callers are waiting for durability, not for an error.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private EntryParameters Entry(InsertBatch inserts)
    {
        var entry = inserts.Next();
        entry.Set("node", Node);
        return entry;
    }

    private (long Sequence, byte[] Hash) ReadTail(DbConnection connection)
    {
        using var command = connection.Command(TailQuery);
        command.Add("node", Node);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader[1]) : (0, Genesis);
    }
}
