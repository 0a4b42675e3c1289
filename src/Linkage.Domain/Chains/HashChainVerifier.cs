namespace Linkage.Domain.Chains;

/// <summary>
/// Recomputes a hash chain (the provision records, the operation log) from its first entry, or from the anchor a purge
/// left, and reports the first link that does not hold. Where a checkpoint sealed a hash, the recomputed hash must be
/// that one: a chain rewritten with freshly computed hashes links perfectly, but not to what was sealed.
/// </summary>
public sealed class HashChainVerifier<TEntry>(IChainHasher<TEntry> hasher)
{
    /// <param name="anchor">The last purged entry's sequence and hash (sealed by a checkpoint); null when nothing was purged.</param>
    /// <param name="sealedHashes">The hash each checkpoint sealed, by sequence.</param>
    public async Task<ChainVerification> VerifyAsync(IAsyncEnumerable<ChainLink<TEntry>> chain, CancellationToken ct,
        ChainHead? anchor = null, IReadOnlyDictionary<long, byte[]>? sealedHashes = null)
    {
        var previous = anchor?.Hash ?? hasher.Genesis;
        long expectedSequence = (anchor?.Sequence ?? 0) + 1, count = 0, lastSealed = anchor?.Sequence ?? 0;
        await foreach (var link in chain.WithCancellation(ct))
        {
            count++;
            if (link.Sequence != expectedSequence)
                return Broken(count, expectedSequence, $"Entry {expectedSequence} is missing.");
            if (!link.PreviousHash.AsSpan().SequenceEqual(previous))
                return Broken(count, link.Sequence, $"Entry {link.Sequence} does not link to its predecessor.");
            var hash = hasher.Hash(previous, link.Sequence, link.Entry);
            if (!hash.AsSpan().SequenceEqual(link.Hash))
                return Broken(count, link.Sequence, $"Entry {link.Sequence} was altered after it was written.");
            if (sealedHashes is not null && sealedHashes.TryGetValue(link.Sequence, out var sealedHash))
            {
                if (!hash.AsSpan().SequenceEqual(sealedHash))
                    return Broken(count, lastSealed + 1,
                        $"Entries {lastSealed + 1} to {link.Sequence} were rewritten: they link, but not to the hash checkpoint {link.Sequence} sealed.");
                lastSealed = link.Sequence;
            }
            previous = hash;
            expectedSequence++;
        }
        return new ChainVerification(true, count, 0, "Every entry links to its predecessor and matches its hash.")
        {
            LastSequence = expectedSequence - 1,
        };
    }

    private static ChainVerification Broken(long count, long sequence, string description) => new(false, count, sequence, description);
}

/// <param name="FirstBrokenSequence">0 when intact.</param>
public sealed record ChainVerification(bool Intact, long Checked, long FirstBrokenSequence, string Description)
{
    /// <summary>The newest entry walked (the anchor's when none remain); set when intact.</summary>
    public long LastSequence { get; init; }

    public int CheckpointsChecked { get; init; }

    /// <summary>Entries after the newest checkpoint: not yet sealed.</summary>
    public long UnsealedEntries { get; init; }

    /// <summary>Checkpoints the hub has not countersigned yet.</summary>
    public int UnwitnessedCheckpoints { get; init; }

    /// <summary>The sequence of the hub's latest witnessed head; 0 when it has none.</summary>
    public long WitnessedSequence { get; init; }

    /// <summary>Whether the hub answered, so that its latest head was compared.</summary>
    public bool HubCompared { get; init; }
}
