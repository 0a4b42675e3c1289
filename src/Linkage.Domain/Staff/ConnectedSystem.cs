using Linkage.Domain.Codes;

namespace Linkage.Domain.Staff;

/// <summary>A back-office system connected to this gateway (the health management system, the address system), with its one role.</summary>
public sealed record ConnectedSystem(
    string SystemId,
    string Name,
    InstitutionCode Institution,
    string Role,
    DateTimeOffset? DeactivatedAt,
    string DeactivationReason)
{
    public bool IsActive => DeactivatedAt is null;
}
