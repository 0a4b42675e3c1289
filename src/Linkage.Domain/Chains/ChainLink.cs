namespace Linkage.Domain.Chains;

/// <summary>An entry as kept in a hash chain: its place and the hash that links it to its predecessor.</summary>
public sealed record ChainLink<TEntry>(long Sequence, TEntry Entry, byte[] PreviousHash, byte[] Hash);
