using System.Diagnostics;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Symbols;

/// <summary>
/// Acquires symbols for a stream of (internal address number, acquisition number) rows: a whole population in one
/// call. Each row is stored or reported as a failure with its position and reason; a row is never half-written, and
/// a failure of one row or one chunk never stops the others.
/// </summary>
public sealed class SymbolBatchAcquisition(
    ISymbolIssuer issuer, ISymbolStore store, TimeProvider clock, ISymbolBatchObserver observer, SymbolBatchSettings settings)
{
    private readonly record struct PendingRow(long Position, InternalAddressNumber Person, AcquisitionNumber Number);

    public async Task<SymbolBatchReport> AcquireAsync(IAsyncEnumerable<AcquisitionRow> rows, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var tally = new SymbolBatchTally(settings.MaxListedFailures);
        var progress = new ProgressGate(settings.ProgressEvery);
        using var slots = new SemaphoreSlim(settings.Parallelism);
        var inFlight = new List<Task>();
        var chunk = new List<PendingRow>(settings.ChunkSize);
        long position = 0;

        try
        {
            await foreach (var row in rows.WithCancellation(ct))
            {
                var at = position++;
                tally.Received();
                try
                {
                    chunk.Add(new PendingRow(at, InternalAddressNumber.Parse(row.InternalAddressNumber), AcquisitionNumber.Parse(row.AcquisitionNumber)));
                }
                catch (DomainException malformed)
                {
                    tally.Fail(at, malformed.Reason, malformed.Message);
                    continue;
                }
                if (chunk.Count < settings.ChunkSize) continue;
                await StartAsync(chunk);
                chunk = new List<PendingRow>(settings.ChunkSize);
            }
            if (chunk.Count > 0) await StartAsync(chunk);
        }
        finally
        {
            // Chunks already at the hub finish (or fail) before the call returns: nothing runs on after the answer.
            await Task.WhenAll(inFlight);
        }

        var report = tally.Report();
        observer.Completed(report.Counts, Stopwatch.GetElapsedTime(started));
        return report;

        // Waiting for a free slot here is what slows the reading of the stream down to the pace of hub and disk.
        async Task StartAsync(List<PendingRow> rowsOfChunk)
        {
            await slots.WaitAsync(ct);
            // An unexpected failure (not a refusal) of an earlier chunk ends the batch rather than being lost.
            if (inFlight.Find(t => t.IsFaulted) is { } failed) await failed;
            inFlight.RemoveAll(t => t.IsCompletedSuccessfully);
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    await ResolveAsync(rowsOfChunk, tally, ct);
                    var counts = tally.Counts();
                    if (progress.Due(counts.Received)) observer.Progress(counts);
                }
                finally { slots.Release(); }
            }, CancellationToken.None));
        }
    }

    private async Task ResolveAsync(List<PendingRow> chunk, SymbolBatchTally tally, CancellationToken ct)
    {
        IReadOnlyList<IssuedSymbol> issued;
        try
        {
            issued = await issuer.IssueManyAsync(chunk.Select(r => r.Number).ToList(), ct);
        }
        catch (DomainException failure)
        {
            // Nothing of this chunk was stored; resending the same rows is safe because the hub repeats its answers.
            observer.ChunkFailed(chunk.Count, failure.Reason);
            foreach (var row in chunk) tally.Fail(row.Position, failure.Reason, failure.Message);
            return;
        }

        var toStore = new List<PendingRow>(chunk.Count);
        var mappings = new List<(InternalAddressNumber, Symbol)>(chunk.Count);
        for (var i = 0; i < chunk.Count; i++)
        {
            if (issued[i].Symbol is { } symbol)
            {
                toStore.Add(chunk[i]);
                mappings.Add((chunk[i].Person, symbol));
            }
            else
            {
                tally.Fail(chunk[i].Position, issued[i].Reason ?? ErrorReasons.Internal, issued[i].Description ?? "The hub issued no symbol.");
            }
        }
        if (mappings.Count == 0) return;

        var outcomes = await store.AddManyAsync(mappings, clock.GetUtcNow(), ct);
        int added = 0, already = 0;
        for (var i = 0; i < outcomes.Count; i++)
        {
            switch (outcomes[i])
            {
                case MappingOutcome.Added: added++; break;
                case MappingOutcome.AlreadyExisted: already++; break;
                case MappingOutcome.Retired: Fail(toStore[i], Refusals.Retired()); break;
                default: Fail(toStore[i], Refusals.Conflict()); break;
            }
        }
        tally.Acquired(added);
        tally.Already(already);

        void Fail(PendingRow row, DomainException refusal) => tally.Fail(row.Position, refusal.Reason, refusal.Message);
    }

    /// <summary>Lets a progress report through each time another <c>every</c> rows have been received.</summary>
    private sealed class ProgressGate
    {
        private readonly long _every;
        private long _next;

        public ProgressGate(long every) => _next = _every = every;

        public bool Due(long received)
        {
            var next = Interlocked.Read(ref _next);
            return received >= next && Interlocked.CompareExchange(ref _next, (received / _every + 1) * _every, next) == next;
        }
    }
}
