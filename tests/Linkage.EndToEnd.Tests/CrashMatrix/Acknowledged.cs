using System.Collections.Concurrent;
using Linkage.Contracts.V1;
using HeldState = Linkage.Domain.Review.HeldState;
using ProvisionOutcome = Linkage.Domain.Answers.ProvisionOutcome;

namespace Linkage.EndToEnd.Tests.CrashMatrix;

/// <summary>
/// What the gateway acknowledged to its callers over every run, and what they still owe a resend: the checks after each
/// restart hold the gateway's data against it. Written by the load's workers at once, read by the checks between runs.
/// </summary>
internal sealed class Acknowledged
{
    /// <summary>Permit id to the outcome the hub was answered.</summary>
    public ConcurrentDictionary<string, ProvisionOutcome> Provisions { get; } = new();

    /// <summary>Held answers acknowledged to the hub that no reviewer has decided yet.</summary>
    public ConcurrentQueue<string> Undecided { get; } = new();

    /// <summary>Permit id to the decision a reviewer was answered, or found made after asking again (see <see cref="Uncertain"/>).</summary>
    public ConcurrentDictionary<string, HeldState> Decisions { get; } = new();

    /// <summary>Decisions asked for when a kill came: the reviewer asks again after the restart.</summary>
    public ConcurrentQueue<(string PermitId, HeldState Decision)> Uncertain { get; } = new();

    /// <summary>Person to the record key of the copy registered for them in an acknowledged batch.</summary>
    public ConcurrentDictionary<string, string> Copies { get; } = new();

    /// <summary>Person to the symbol the hub issued for them in an acknowledged batch.</summary>
    public ConcurrentDictionary<string, string> Symbols { get; } = new();

    /// <summary>Batches whose stream a kill broke: the back office sends them again, under the same batch id.</summary>
    public ConcurrentQueue<CopyBatch> CopyResends { get; } = new();

    public ConcurrentQueue<SymbolBatch> SymbolResends { get; } = new();

    public int CopyBatches => _copyBatches;
    public int SymbolBatches => _symbolBatches;
    public int ResentBatches => _resentBatches;

    private int _copyBatches, _symbolBatches, _resentBatches;

    public void CopyBatchAcknowledged(CopyBatch batch, bool resent)
    {
        foreach (var copy in batch.Copies) Copies[copy.InternalAddressNumber] = copy.RecordKey;
        Interlocked.Increment(ref _copyBatches);
        if (resent) Interlocked.Increment(ref _resentBatches);
    }

    public void SymbolBatchAcknowledged(SymbolBatch batch, bool resent)
    {
        foreach (var row in batch.Rows) Symbols[row.InternalAddressNumber] = FakeHubLedger.SymbolOf(row.AcquisitionNumber);
        Interlocked.Increment(ref _symbolBatches);
        if (resent) Interlocked.Increment(ref _resentBatches);
    }
}

/// <summary>One bulk registration as the health management system sends it, kept to send again after a broken stream.</summary>
internal sealed record CopyBatch(string BatchId, IReadOnlyList<Copy> Copies);

/// <summary>One bulk symbol acquisition as the address system sends it.</summary>
internal sealed record SymbolBatch(IReadOnlyList<AcquireSymbolRequest> Rows);
