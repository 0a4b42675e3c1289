namespace Linkage.Storage.Entities;

/// <summary>A permit id already accepted; kept until the permit expires so a replay is refused across restarts.</summary>
public sealed class SeenPermitRow
{
    public required string PermitId { get; set; }
    public required string InstitutionCode { get; set; }
    public long ExpiresAtMs { get; set; }
}
