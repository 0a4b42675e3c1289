namespace Linkage.Storage.Entities;

/// <summary>A certificate bound to a staff member or system; unbinding keeps the row for the record.</summary>
public sealed class CertificateBindingRow
{
    public required string Thumbprint { get; set; }
    public required string Issuer { get; set; }
    public required string SerialNumber { get; set; }
    public required string Subject { get; set; }
    public DateTimeOffset NotAfter { get; set; }
    public int OwnerKind { get; set; }
    public required string OwnerId { get; set; }
    public DateTimeOffset BoundAt { get; set; }
    public DateTimeOffset? UnboundAt { get; set; }
}
