namespace Linkage.Domain.Chains.Checkpoints;

/// <summary>Where each chain starts after its oldest entries were purged: the sealed head of the last purged entry.</summary>
public interface IChainAnchors
{
    /// <summary>Null when nothing of the chain was purged.</summary>
    Task<ChainHead?> AnchorOfAsync(string chainId, CancellationToken ct);
}
