namespace Linkage.Domain.Chains;

/// <summary>An entry of a chain by its sequence and hash: the newest, or the anchor a purge left.</summary>
public sealed record ChainHead(long Sequence, byte[] Hash);
