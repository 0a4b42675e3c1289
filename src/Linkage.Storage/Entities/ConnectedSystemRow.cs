namespace Linkage.Storage.Entities;

public sealed class ConnectedSystemRow
{
    public required string SystemId { get; set; }
    public required string InstitutionCode { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }
    public required string DeactivationReason { get; set; }
}
