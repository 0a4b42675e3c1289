using Linkage.Domain.Codes;

namespace Linkage.Domain.Staff;

/// <summary>
/// A member of staff (職員) of this institution: the roles they hold, optionally only for some information names (a
/// reviewer for health data only), within a period, until deactivated.
/// </summary>
public sealed record StaffMember(
    string StaffId,
    string Name,
    InstitutionCode Institution,
    IReadOnlySet<string> Roles,
    IReadOnlySet<string> InformationNames,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo,
    DateTimeOffset? DeactivatedAt,
    string DeactivationReason)
{
    public bool IsActive => DeactivatedAt is null;

    public bool IsValidAt(DateTimeOffset now) => now >= ValidFrom && (ValidTo is null || now < ValidTo);
}
