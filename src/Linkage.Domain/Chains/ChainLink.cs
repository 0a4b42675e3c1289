namespace Linkage.Domain.Chains;

/// <summary>An entry as kept in a hash chain: its place and the hash that links it to its predecessor.</summary>
public sealed record ChainLink<TEntry>(long Sequence, TEntry Entry, byte[] PreviousHash, byte[] Hash)
{
    /// <summary>
    /// The gateway node whose chain holds the entry (see <see cref="NodeName"/>): set where entries of several nodes are
    /// listed together; the hash does not cover it, the chain it links into does.
    /// </summary>
    public string Node { get; init; } = "";

    public ChainPosition Position => new(Node, Sequence);
}
