namespace Linkage.Storage.Entities;

/// <summary>The sealed head of the last entry a retention purge removed from a chain: where verification starts since.</summary>
public sealed class ChainAnchorRow
{
    public required string ChainId { get; set; }
    public long Sequence { get; set; }
    public required byte[] Hash { get; set; }
    public long PurgedAtMs { get; set; }
    /// <summary>Entries removed by all purges of the chain so far.</summary>
    public long PurgedEntries { get; set; }
}
