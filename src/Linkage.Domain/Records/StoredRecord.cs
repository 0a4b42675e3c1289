namespace Linkage.Domain.Records;

/// <summary>A record as kept: its place in the chain and the hash that links it to its predecessor.</summary>
public sealed record StoredRecord(long Sequence, ProvisionRecordEntry Entry, byte[] PreviousHash, byte[] Hash);
