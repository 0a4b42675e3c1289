namespace Linkage.Domain.Chains;

/// <summary>
/// Where an entry sits among an institution's chains: which node's chain, and its sequence in it. A sequence alone
/// names nothing once two nodes each keep a chain of their own that starts at 1.
/// </summary>
public readonly record struct ChainPosition(string Node, long Sequence)
{
    public override string ToString() => $"{Node}:{Sequence}";
}
