namespace Linkage.Domain.Chains.Checkpoints;

/// <summary>A hash chain as its checkpoints see it: its id, its head, and the hash at a given sequence.</summary>
public interface ISealedChain
{
    /// <summary>Institution, node and chain name (see <see cref="ChainNames"/>): unique across the network.</summary>
    string ChainId { get; }

    /// <summary>The gateway node that writes and seals this chain.</summary>
    string Node { get; }

    ChainKind Kind { get; }

    Task<ChainHead?> HeadAsync(CancellationToken ct);

    /// <summary>The hash of entry <paramref name="sequence"/>, or null when there is no such entry.</summary>
    Task<byte[]?> HashAtAsync(long sequence, CancellationToken ct);
}
