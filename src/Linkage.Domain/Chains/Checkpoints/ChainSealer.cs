using Linkage.Domain.Errors;

namespace Linkage.Domain.Chains.Checkpoints;

/// <summary>
/// Seals the head of a chain with this gateway's key, and has the hub witness what was sealed. A chain that no longer
/// holds what its last checkpoint sealed is never sealed again: the sealer stops with <c>CHAIN_BROKEN</c>, which the
/// job reports, instead of lending the damage a fresh signature.
/// </summary>
public sealed class ChainSealer(ICheckpointStore store, ICheckpointSignatures signatures, ICheckpointWitness hub, IChainAnchors anchors,
    TimeProvider clock)
    : IDisposable
{
    // One seal or witnessing at a time: the schedule and a shutdown (or an administrator) may ask at once, and two
    // checkpoints of one head would both claim to extend the same predecessor.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// A new checkpoint of the chain's head, or null when nothing was added since the last one or, given a
    /// <paramref name="schedule"/>, when it is not due yet.
    /// </summary>
    public async Task<ChainCheckpoint?> SealAsync(ISealedChain chain, CancellationToken ct, CheckpointSchedule? schedule = null)
    {
        await _gate.WaitAsync(ct);
        try { return await SealLockedAsync(chain, schedule, ct); }
        finally { _gate.Release(); }
    }

    private async Task<ChainCheckpoint?> SealLockedAsync(ISealedChain chain, CheckpointSchedule? schedule, CancellationToken ct)
    {
        var latest = await store.LatestAsync(chain.ChainId, ct);
        var head = await chain.HeadAsync(ct);
        if (latest is not null)
        {
            // A purge may have cut the chain exactly at the last checkpoint: its anchor then holds the sealed hash.
            var sealedHash = await chain.HashAtAsync(latest.Sequence, ct)
                ?? (await anchors.AnchorOfAsync(chain.ChainId, ct) is { } anchor && anchor.Sequence == latest.Sequence ? anchor.Hash : null);
            if (sealedHash is null || !sealedHash.AsSpan().SequenceEqual(latest.HeadHash))
                throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.ChainBroken,
                    $"The {chain.ChainId} chain no longer holds what checkpoint {latest.Sequence} sealed; run Verify.");
        }
        var now = clock.GetUtcNow();
        var newEntries = (head?.Sequence ?? 0) - (latest?.Sequence ?? 0);
        if (head is null || newEntries <= 0 || schedule?.IsDue(newEntries, latest?.SealedAt, now) == false) return null;

        var unsigned = new ChainCheckpoint(chain.ChainId, head.Sequence, head.Hash,
            now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond)), // whole milliseconds, as signed and stored
            latest?.Sequence ?? 0, latest?.HeadHash ?? [], signatures.KeyId, []);
        var checkpoint = unsigned with { Signature = signatures.Sign(unsigned) };
        await store.AddAsync(checkpoint, ct);
        return checkpoint;
    }

    /// <summary>Has the hub witness the chain's checkpoints it has not witnessed yet, oldest first; returns how many it witnessed.</summary>
    public async Task<int> WitnessAsync(string chainId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try { return await WitnessLockedAsync(chainId, ct); }
        finally { _gate.Release(); }
    }

    private async Task<int> WitnessLockedAsync(string chainId, CancellationToken ct)
    {
        var witnessed = 0;
        foreach (var checkpoint in await store.UnwitnessedAsync(chainId, ct))
        {
            CheckpointWitness witness;
            try
            {
                witness = await hub.WitnessAsync(checkpoint, ct);
            }
            catch (DomainException refusal) when (refusal.Reason == ErrorReasons.CheckpointReplayed)
            {
                // The hub witnessed it before, and its answer was lost on the way back: take the witness it kept.
                var head = await hub.WitnessedHeadAsync(chainId, ct);
                if (head?.Witness is null || !head.SameAs(checkpoint)) throw;
                witness = head.Witness;
            }
            if (!signatures.IsWitnessedByHub(checkpoint with { Witness = witness }))
                throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.CheckpointSignatureInvalid,
                    "The hub's countersignature on a checkpoint does not verify with the configured hub key.");
            await store.SetWitnessAsync(chainId, checkpoint.Sequence, witness, ct);
            witnessed++;
        }
        return witnessed;
    }

    public void Dispose() => _gate.Dispose();
}
