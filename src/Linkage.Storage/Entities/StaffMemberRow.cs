namespace Linkage.Storage.Entities;

public sealed class StaffMemberRow
{
    public required string StaffId { get; set; }
    public required string InstitutionCode { get; set; }
    public required string Name { get; set; }

    /// <summary>Space-separated role names.</summary>
    public required string Roles { get; set; }

    /// <summary>Space-separated information name codes; empty for all.</summary>
    public required string InformationNames { get; set; }
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset? ValidTo { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }
    public required string DeactivationReason { get; set; }
}
