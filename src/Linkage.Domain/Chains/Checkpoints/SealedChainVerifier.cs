namespace Linkage.Domain.Chains.Checkpoints;

/// <summary>
/// Verifies a chain with its checkpoints and the hub's memory of it: every link, every checkpoint's signature and the
/// hub's countersignature, that the checkpoints follow one another, that the chain still holds every sealed hash, and
/// that it reaches as far as the hub witnessed. A changed byte, a deleted or reordered entry, a rewrite with fresh
/// hashes and a cut-off tail (with or without its newest checkpoints) each break one of these.
/// </summary>
public sealed class SealedChainVerifier<TEntry>(HashChainVerifier<TEntry> links, ICheckpointSignatures signatures,
    ICheckpointStore store, ICheckpointWitness hub, IChainAnchors anchors)
{
    /// <summary>
    /// Verifies each of <paramref name="chains"/> in turn (the entries of a node's chain: <paramref name="entriesOf"/>),
    /// each against its own node's checkpoints, key and anchor and the hub's head of it: one broken chain does not stop
    /// the others from being reported.
    /// </summary>
    public async Task<IReadOnlyList<VerifiedChain>> VerifyEachAsync(IEnumerable<ISealedChain> chains,
        Func<string, IAsyncEnumerable<ChainLink<TEntry>>> entriesOf, CancellationToken ct)
    {
        var verified = new List<VerifiedChain>();
        foreach (var chain in chains)
            verified.Add(new VerifiedChain(chain.ChainId, chain.Node, await VerifyAsync(chain, entriesOf(chain.Node), ct)));
        return verified;
    }

    /// <summary>Verifies <paramref name="chain"/> (its entries: <paramref name="entries"/>) against its checkpoints, its anchor and the hub.</summary>
    public async Task<ChainVerification> VerifyAsync(ISealedChain chain, IAsyncEnumerable<ChainLink<TEntry>> entries, CancellationToken ct)
    {
        var checkpoints = await store.ListAsync(chain.ChainId, ct);
        HubHead head;
        try
        {
            head = new HubHead(true, await hub.WitnessedHeadAsync(chain.ChainId, ct));
        }
        catch (Errors.DomainException)
        {
            head = HubHead.Unreachable;
        }
        return await VerifyAsync(chain.Node, entries, checkpoints, head, await anchors.AnchorOfAsync(chain.ChainId, ct), ct);
    }

    /// <param name="node">The node that seals the chain: its key must have signed every checkpoint.</param>
    /// <param name="checkpoints">The node's checkpoints of the chain, oldest first.</param>
    /// <param name="anchor">Where the chain starts after a purge (a sealed head); null when nothing was purged.</param>
    public async Task<ChainVerification> VerifyAsync(string node, IAsyncEnumerable<ChainLink<TEntry>> chain,
        IReadOnlyList<ChainCheckpoint> checkpoints, HubHead hub, ChainHead? anchor, CancellationToken ct)
    {
        var sealedHashes = new Dictionary<long, byte[]>();
        long previousSequence = 0;
        byte[] previousHash = [];
        foreach (var checkpoint in checkpoints)
        {
            if (CheckpointFault(node, checkpoint) is { } fault) return Broken(checkpoint.PreviousSequence + 1, fault);
            if (checkpoint.PreviousSequence != previousSequence || !checkpoint.PreviousHash.AsSpan().SequenceEqual(previousHash))
                return Broken(previousSequence + 1,
                    $"Checkpoint {checkpoint.Sequence} does not follow checkpoint {previousSequence}: a checkpoint between them was removed.");
            sealedHashes[checkpoint.Sequence] = checkpoint.HeadHash;
            (previousSequence, previousHash) = (checkpoint.Sequence, checkpoint.HeadHash);
        }

        if (hub.Head is { } witnessed)
        {
            var fault = witnessed.Witness is null ? "it has no witness." : CheckpointFault(node, witnessed);
            if (fault is not null)
                return Broken(witnessed.Sequence, "The hub's latest head of this chain does not carry valid signatures: " + fault);
            var kept = checkpoints.FirstOrDefault(c => c.Sequence == witnessed.Sequence);
            if (kept is null || !kept.SameAs(witnessed))
                return Broken(Math.Min(witnessed.Sequence, previousSequence + 1),
                    $"The hub witnessed checkpoint {witnessed.Sequence} of this chain, which is missing or different here: checkpoints were removed or replaced.");
        }

        var walked = await links.VerifyAsync(chain, ct, anchor, sealedHashes);
        if (!walked.Intact) return Extend(walked, checkpoints, hub);

        var last = walked.LastSequence;
        var newestSealed = sealedHashes.Keys.DefaultIfEmpty(0).Max();
        if (newestSealed > last)
            return Extend(new ChainVerification(false, walked.Checked, last + 1,
                $"Entries {last + 1} to {newestSealed} are missing: checkpoint {newestSealed} sealed them."), checkpoints, hub);

        var sealedUpTo = Math.Max(newestSealed, anchor?.Sequence ?? 0);
        var description = $"Every entry links to its predecessor and matches its hash; {checkpoints.Count} checkpoint(s) verify, "
            + $"{checkpoints.Count(c => c.Witness is not null)} witnessed by the hub; {last - sealedUpTo} entries after the newest checkpoint are not sealed yet."
            + (hub.Reached ? "" : " The hub could not be reached, so its latest witnessed head was not compared.");
        return Extend(walked with { Description = description, UnsealedEntries = last - sealedUpTo }, checkpoints, hub);

        ChainVerification Broken(long sequence, string why) =>
            Extend(new ChainVerification(false, 0, sequence, why), checkpoints, hub);
    }

    private string? CheckpointFault(string node, ChainCheckpoint checkpoint)
    {
        if (!signatures.IsSignedByNode(node, checkpoint))
            return $"Checkpoint {checkpoint.Sequence} is not signed with the checkpoint key of node {node}.";
        if (checkpoint.Witness is not null && !signatures.IsWitnessedByHub(checkpoint))
            return $"The witness on checkpoint {checkpoint.Sequence} is not the hub's countersignature.";
        return null;
    }

    private static ChainVerification Extend(ChainVerification result, IReadOnlyList<ChainCheckpoint> checkpoints, HubHead hub) => result with
    {
        CheckpointsChecked = checkpoints.Count,
        UnwitnessedCheckpoints = checkpoints.Count(c => c.Witness is null),
        WitnessedSequence = hub.Head?.Sequence ?? 0,
        HubCompared = hub.Reached,
    };
}

/// <summary>One chain of an institution and what its verification found.</summary>
public sealed record VerifiedChain(string ChainId, string Node, ChainVerification Result);

/// <summary>What the hub said about a chain: whether it answered, and the latest checkpoint it witnessed (null: none).</summary>
public sealed record HubHead(bool Reached, ChainCheckpoint? Head)
{
    public static readonly HubHead Unreachable = new(false, null);
}
