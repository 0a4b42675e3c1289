using System.Threading.Channels;
using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Linkage.Storage.Database;

namespace Linkage.Storage.Records;

/// <summary>
/// The only writer of the record chain. Concurrent appends queue up; one loop takes whatever is waiting, writes it
/// in one transaction with one flush (synchronous=FULL), and only then completes the callers. The chain needs a
/// single writer anyway, and group commit turns that into throughput instead of a bottleneck.
/// </summary>
public sealed partial class GroupCommitRecordWriter(
    string connectionString, InstitutionScope scope, ILogger<GroupCommitRecordWriter> logger) : BackgroundService, IRecordWriter
{
    private static readonly string[] InsertParameters = ["$seq", "$inst", "$at", "$dir", "$inq", "$permit", "$inquirer", "$provider",
        "$affair", "$proc", "$name", "$basis", "$outcome", "$reason", "$person", "$prev", "$hash", "$permitExpires"];

    private const int MaxBatch = 512;

    /// <summary>The log size (in pages, 4 KB each) at which this writer checkpoints in its own commit: 32 MB.</summary>
    public const int AutoCheckpointPages = 8_192;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _institution = scope.Code.Value;

    private sealed record Pending(ProvisionRecordEntry Entry, AcceptedPermit? Permit, TaskCompletionSource<long> Done);

    public Task<long> AppendAsync(ProvisionRecordEntry entry, AcceptedPermit? acceptedPermit, CancellationToken ct)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Pending(entry, acceptedPermit, done)))
            throw new InvalidOperationException("The record writer has stopped.");
        // Deliberately not cancellable once queued: the record may already be on disk, and the caller must not
        // conclude otherwise.
        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A thread of its own: SQLite's commit blocks for the flush, and a thread-pool thread blocked for most of
            // every millisecond leaves one of two cores idle under load.
            await Task.Factory.StartNew(WriteLoop, CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (Exception error)
        {
            // Without this writer no answer may leave: fail every waiting and every later caller at once, not by hanging.
            LogWriterStopped(logger, error);
            _queue.Writer.TryComplete(error);
            while (_queue.Reader.TryRead(out var pending)) pending.Done.TrySetException(error);
            throw;
        }
    }

    private void WriteLoop()
    {
        // Its own connection, outside the shared pool: the settings below must not pass to EF's connections.
        using var connection = SqlitePragmas.Unpooled(connectionString);
        connection.Open();
        SqlitePragmas.Apply(connection);
        using (var autoCheckpoint = connection.CreateCommand())
        {
            // See WalCheckpointer: it copies the log back in the background; this writer finishes the job, and lets
            // the log start over, only when the log reaches this size.
            autoCheckpoint.CommandText = $"PRAGMA wal_autocheckpoint={AutoCheckpointPages};";
            autoCheckpoint.ExecuteNonQuery();
        }
        var (sequence, previousHash) = ReadTail(connection);

        using var insertRecord = connection.CreateCommand();
        insertRecord.CommandText = """
            INSERT INTO ProvisionRecords (Sequence, InstitutionCode, RecordedAtMs, Direction, InquiryId, PermitId,
                InquirerInstitution, ProviderInstitution, Affair, Procedure, InformationName, LegalBasis, Outcome, Reason,
                InternalAddressNumber, PreviousHash, Hash, PermitExpiresAtMs)
            VALUES ($seq, $inst, $at, $dir, $inq, $permit, $inquirer, $provider, $affair, $proc, $name, $basis, $outcome,
                $reason, $person, $prev, $hash, $permitExpires)
            """;
        var p = InsertParameters.ToDictionary(n => n, n => insertRecord.Parameters.Add(new SqliteParameter { ParameterName = n }));

        var batch = new List<Pending>(MaxBatch);
        var sequences = new long[MaxBatch];
        while (_queue.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);

            var nextSequence = sequence;
            var nextHash = previousHash;
            try
            {
                using var transaction = connection.BeginTransaction();
                insertRecord.Transaction = transaction;
                for (var i = 0; i < batch.Count; i++)
                {
                    var pending = batch[i];
                    var e = pending.Entry;
                    nextSequence++;
                    var hash = RecordHasher.Sha256.Hash(nextHash, nextSequence, e);
                    p["$seq"].Value = nextSequence;
                    p["$inst"].Value = _institution;
                    p["$at"].Value = e.RecordedAt.ToUnixTimeMilliseconds();
                    p["$dir"].Value = (int)e.Direction;
                    p["$inq"].Value = e.InquiryId;
                    p["$permit"].Value = e.PermitId;
                    p["$inquirer"].Value = e.InquirerInstitution;
                    p["$provider"].Value = e.ProviderInstitution;
                    p["$affair"].Value = e.Affair;
                    p["$proc"].Value = e.Procedure;
                    p["$name"].Value = e.InformationName;
                    p["$basis"].Value = e.LegalBasis;
                    p["$outcome"].Value = (int)e.Outcome;
                    p["$reason"].Value = e.Reason;
                    p["$person"].Value = (object?)e.Person?.Value ?? DBNull.Value;
                    p["$prev"].Value = nextHash;
                    p["$hash"].Value = hash;
                    p["$permitExpires"].Value = (object?)pending.Permit?.ExpiresAt.ToUnixTimeMilliseconds() ?? DBNull.Value;
                    insertRecord.ExecuteNonQuery();
                    sequences[i] = nextSequence;
                    nextHash = hash;
                }
                transaction.Commit();
            }
            catch (Exception error)
            {
                LogBatchFailed(logger, error, batch.Count);
                foreach (var pending in batch) pending.Done.TrySetException(error);
                // Start again from what is really on disk.
                (sequence, previousHash) = ReadTail(connection);
                continue;
            }

            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(sequences[i]);
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

    private static (long Sequence, byte[] Hash) ReadTail(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Sequence, Hash FROM ProvisionRecords ORDER BY Sequence DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader[1]) : (0, RecordHasher.Sha256.Genesis);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The provision record writer stopped; no answer can be recorded until restart")]
    private static partial void LogWriterStopped(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing a batch of {Count} provision records failed; none of them was stored")]
    private static partial void LogBatchFailed(ILogger logger, Exception error, int count);
}
