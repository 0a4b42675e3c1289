namespace Linkage.Storage.Entities;

/// <summary>A provision record as stored: append-only, linked to its predecessor by <see cref="PreviousHash"/>.</summary>
public sealed class ProvisionRecordRow
{
    /// <summary>The gateway node whose chain this is: each node writes its own, numbered from 1.</summary>
    public required string Node { get; set; }
    public long Sequence { get; set; }
    public required string InstitutionCode { get; set; }
    public long RecordedAtMs { get; set; }
    public int Direction { get; set; }
    public required string InquiryId { get; set; }
    public required string PermitId { get; set; }
    public required string InquirerInstitution { get; set; }
    public required string ProviderInstitution { get; set; }
    public required string Affair { get; set; }
    public required string Procedure { get; set; }
    public required string InformationName { get; set; }
    public required string LegalBasis { get; set; }
    public int Outcome { get; set; }
    public required string Reason { get; set; }
    public string? InternalAddressNumber { get; set; }

    /// <summary>
    /// Set only on the record of the provision that used its permit, to the permit's expiry, and covered by the hash.
    /// The replay rule itself is kept by UsedPermits (see PermitClaims), which the database enforces across nodes.
    /// </summary>
    public long? PermitExpiresAtMs { get; set; }
    public required byte[] PreviousHash { get; set; }
    public required byte[] Hash { get; set; }
}
