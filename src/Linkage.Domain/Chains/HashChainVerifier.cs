namespace Linkage.Domain.Chains;

/// <summary>
/// Recomputes a hash chain (the provision records, the operation log) from its first entry and reports the first
/// link that does not hold.
/// </summary>
public sealed class HashChainVerifier<TEntry>(IChainHasher<TEntry> hasher)
{
    public async Task<ChainVerification> VerifyAsync(IAsyncEnumerable<ChainLink<TEntry>> chain, CancellationToken ct)
    {
        var previous = hasher.Genesis;
        long expectedSequence = 1, count = 0;
        await foreach (var link in chain.WithCancellation(ct))
        {
            count++;
            if (link.Sequence != expectedSequence)
                return new ChainVerification(false, count, expectedSequence, $"Entry {expectedSequence} is missing.");
            if (!link.PreviousHash.AsSpan().SequenceEqual(previous))
                return new ChainVerification(false, count, link.Sequence, $"Entry {link.Sequence} does not link to its predecessor.");
            var hash = hasher.Hash(previous, link.Sequence, link.Entry);
            if (!hash.AsSpan().SequenceEqual(link.Hash))
                return new ChainVerification(false, count, link.Sequence, $"Entry {link.Sequence} was altered after it was written.");
            previous = hash;
            expectedSequence++;
        }
        return new ChainVerification(true, count, 0, "Every entry links to its predecessor and matches its hash.");
    }
}

/// <param name="FirstBrokenSequence">0 when intact.</param>
public sealed record ChainVerification(bool Intact, long Checked, long FirstBrokenSequence, string Description);
