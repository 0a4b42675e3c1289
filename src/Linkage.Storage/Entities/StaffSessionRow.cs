namespace Linkage.Storage.Entities;

/// <summary>A staff session; the token itself is never stored, only its SHA-256.</summary>
public sealed class StaffSessionRow
{
    public required string SessionId { get; set; }
    public required byte[] TokenHash { get; set; }
    public required string StaffId { get; set; }
    public required string CertificateThumbprint { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int? EndReason { get; set; }
}
