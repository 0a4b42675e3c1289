namespace Linkage.Storage.Entities;

/// <summary>A signed checkpoint of one chain, with the hub's countersignature once witnessed. Times in Unix milliseconds, as signed.</summary>
public sealed class CheckpointRow
{
    public required string ChainId { get; set; }
    public long Sequence { get; set; }
    public required byte[] HeadHash { get; set; }
    public long SealedAtMs { get; set; }
    public long PreviousSequence { get; set; }
    public required byte[] PreviousHash { get; set; }
    public required string KeyId { get; set; }
    public required byte[] Signature { get; set; }
    public long? WitnessedAtMs { get; set; }
    public string? WitnessKeyId { get; set; }
    public byte[]? WitnessSignature { get; set; }
}
