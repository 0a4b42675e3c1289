namespace Linkage.Storage.Entities;

/// <summary>
/// One version of one provision copy. Item values are only in <see cref="Payload"/>, AES-GCM encrypted under the
/// institution's key <see cref="KeyId"/>. Exactly one version per record is current; deletions are tombstones.
/// </summary>
public sealed class CopyRow
{
    public long Id { get; set; }
    public required string InstitutionCode { get; set; }
    public required string InternalAddressNumber { get; set; }
    public required string InformationNameCode { get; set; }
    public required string RecordKey { get; set; }
    public int Version { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public bool IsCurrent { get; set; }
    public bool IsDeleted { get; set; }
    public required string KeyId { get; set; }
    public required byte[] Payload { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>The bulk batch that wrote this row (<see cref="CopyBatchRow.Number"/>); null for single registrations.
    /// Rows of an incomplete batch are not visible to look-ups.</summary>
    public long? BatchNumber { get; set; }
}
