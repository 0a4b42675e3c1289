namespace Linkage.Storage.Entities;

/// <summary>
/// A permit some node of this institution accepted: its id is the key, so the database itself refuses a second
/// acceptance, whichever node tries. Kept until its expiry (plus the clock skew allowed) has passed.
/// </summary>
public sealed class UsedPermitRow
{
    public required string PermitId { get; set; }
    public long ExpiresAtMs { get; set; }
}
