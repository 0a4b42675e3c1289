using System.Collections.Concurrent;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Copies.Batches;

/// <summary>
/// Bulk registration: validates every copy of a stream against the catalogue, rejects bad ones with their position,
/// field and reason, and hands good ones to the store in chunks while the next chunk is being validated. The batch
/// becomes visible only when the stream ended cleanly; a resent batch id answers the stored result. A stream that
/// outgrows its bounds (<see cref="CopyBatchLimits"/>) is refused where it does, nothing more of it is read, and its
/// batch is discarded with every row it wrote.
/// </summary>
public sealed class CopyBatchRegistration(CopyValidator validator, ICopyBatchStore store, CopyBatchLimits? limits = null)
{
    public const int ChunkSize = 8192;
    public const int MaxReportedRejections = 10_000;
    public const int MaxBatchIdLength = 64;

    private readonly CopyBatchLimits _limits = limits ?? CopyBatchLimits.Default;
    private readonly CallerBatchSlots _callers = new((limits ?? CopyBatchLimits.Default).ConcurrentBatchesPerCaller);

    // One stream per batch id at a time in this process: two concurrent resends must not race on the same rows.
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);

    /// <param name="caller">Who sends the stream (the registry's id): the unit of <see cref="CopyBatchLimits.ConcurrentBatchesPerCaller"/>.</param>
    public async Task<CopyBatchResult> RegisterAsync(string caller, IAsyncEnumerable<CopyBatchItem> stream, CancellationToken ct)
    {
        using var slot = _callers.Enter(caller);
        await using var items = stream.GetAsyncEnumerator(ct);
        if (!await items.MoveNextAsync())
            throw DomainException.InvalidField("batch_id", ErrorReasons.MissingField, "A batch holds at least one copy.");
        var batchId = RequireBatchId(items.Current.BatchId);
        if (!_running.TryAdd(batchId, 0))
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.BatchInProgress,
                "A stream of this batch is already being registered.");
        try
        {
            return await RegisterAsync(batchId, items, ct);
        }
        finally
        {
            _running.TryRemove(batchId, out _);
        }
    }

    private async Task<CopyBatchResult> RegisterAsync(string batchId, IAsyncEnumerator<CopyBatchItem> items, CancellationToken ct)
    {
        var start = await store.BeginAsync(batchId, ct);
        if (start.Completed is { } earlier)
        {
            // Read the rest so that the client can finish sending; nothing of it is stored again.
            var resent = 1;
            while (await items.MoveNextAsync())
                if (++resent > _limits.CopiesPerStream)
                    throw new DomainException(ErrorKind.ResourceExhausted, ErrorReasons.BatchTooLarge,
                        $"A batch stream carries at most {_limits.CopiesPerStream:N0} copies; this batch was completed before.");
            return earlier with { Received = resent, AlreadyProcessed = true };
        }

        var rejections = new Rejections();
        var seen = new RecordFingerprints(_limits.DuplicateCheckBytes);
        var chunk = new Chunk(store.StartChunk(ChunkSize));
        Task? writing = null;
        var stored = 0;
        var position = 0;
        try
        {
            do
            {
                var item = items.Current;
                if (position >= _limits.CopiesPerStream)
                    throw new DomainException(ErrorKind.ResourceExhausted, ErrorReasons.BatchTooLarge,
                        $"A batch stream carries at most {_limits.CopiesPerStream:N0} copies; send the rest as another batch.");
                if (!string.Equals(item.BatchId, batchId, StringComparison.Ordinal))
                    throw DomainException.InvalidField("batch_id", ErrorReasons.InvalidArgument,
                        $"Message {position} names another batch id than the first message of the stream.");
                if (Validate(item.Draft, position, rejections) is { } copy)
                {
                    if (seen.Add(copy))
                        chunk.Add(copy, position);
                    else
                        rejections.Add(position, copy.RecordKey, "record_key", ErrorReasons.DuplicateRecord,
                            $"Record {copy.RecordKey} of this person and information name appears earlier in this batch.");
                }
                position++;

                if (chunk.Count >= ChunkSize)
                {
                    // At most one chunk in flight: while it is written, this thread validates and prepares the next.
                    if (writing is not null) await writing;
                    writing = WriteAsync(start.BatchNumber, chunk, rejections, n => stored += n, ct);
                    chunk = new Chunk(store.StartChunk(ChunkSize));
                }
            } while (await items.MoveNextAsync());

            if (writing is not null) await writing;
            writing = null;
            if (chunk.Count > 0) await WriteAsync(start.BatchNumber, chunk, rejections, n => stored += n, ct);
        }
        catch (DomainException bound) when (bound.Kind == ErrorKind.ResourceExhausted)
        {
            // Resending it would be refused at the same point: what it wrote is of no use, and goes now, after the
            // chunk in flight has landed. Not cancellable by the call, which ends with this refusal; should the
            // database fail here, the batch stays incomplete, invisible, for the abandoned-batch job.
            await SettleAsync(writing);
            writing = null;
            await SettleAsync(store.DiscardAsync(start.BatchNumber, CancellationToken.None));
            throw;
        }
        finally
        {
            // A stream that broke mid-way must not leave a chunk write running past the release of the batch id.
            await SettleAsync(writing);
            // Written or not, the last chunk is done with (a written one was disposed already).
            chunk.Prepared.Dispose();
        }

        var result = new CopyBatchResult(batchId, position, stored, rejections.Count, false, rejections.Sorted());
        await store.CompleteAsync(start.BatchNumber, result, ct);
        return result;
    }

    private static async Task SettleAsync(Task? writing)
    {
        if (writing is null) return;
        try { await writing; }
        catch (Exception) { /* the stream's own failure or refusal is the one reported; the batch stays incomplete */ }
    }

    private ProvisionCopy? Validate(CopyDraft draft, int position, Rejections rejections)
    {
        try
        {
            return validator.Validate(draft);
        }
        catch (DomainException refusal)
        {
            // Bad rows are rare in a real load, so an exception per bad row costs nothing that matters.
            var field = refusal.Violations.Count > 0 ? refusal.Violations[0].Field : "";
            rejections.Add(position, CopyValidator.SafeRecordKey(draft.RecordKey), field, refusal.Reason, refusal.Message);
            return null;
        }
    }

    private async Task WriteAsync(long batchNumber, Chunk chunk, Rejections rejections, Action<int> addStored, CancellationToken ct)
    {
        using var prepared = chunk.Prepared;
        var outcomes = await store.WriteAsync(batchNumber, prepared, ct);
        var count = 0;
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i] == CopyWriteOutcome.VersionConflict)
            {
                var (recordKey, version) = prepared[i];
                rejections.Add(chunk.Positions[i], recordKey, "version", ErrorReasons.VersionConflict,
                    $"Version {version} of record {recordKey} is not one past its latest version.");
            }
            else count++;
        }
        addStored(count);
    }

    private static string RequireBatchId(string? batchId)
    {
        if (string.IsNullOrEmpty(batchId))
            throw DomainException.InvalidField("batch_id", ErrorReasons.MissingField, "A batch id is required.");
        if (batchId.Length > MaxBatchIdLength || !batchId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw DomainException.InvalidField("batch_id", ErrorReasons.InvalidArgument,
                $"A batch id is at most {MaxBatchIdLength} ASCII letters, digits, '-', '_' or '.'.");
        return batchId;
    }

    private sealed class Chunk(PreparedCopyChunk prepared)
    {
        public PreparedCopyChunk Prepared => prepared;
        public List<int> Positions { get; } = new(ChunkSize);
        public int Count => Positions.Count;

        public void Add(ProvisionCopy copy, int position)
        {
            prepared.Add(copy);
            Positions.Add(position);
        }
    }

    // Written from the validating loop and from a finished chunk write, never both at once (writes are awaited
    // before the next one starts, but the loop runs beside one), hence the lock.
    private sealed class Rejections
    {
        private readonly List<CopyRejection> _listed = [];
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add(int position, string recordKey, string field, string reason, string description)
        {
            lock (_listed)
            {
                _count++;
                if (_listed.Count < MaxReportedRejections)
                    _listed.Add(new CopyRejection(position, recordKey, field, reason, description));
            }
        }

        public IReadOnlyList<CopyRejection> Sorted()
        {
            lock (_listed) return _listed.OrderBy(r => r.Position).ToList();
        }
    }
}
