using System.Collections.Frozen;
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
    // Not registered per system: the health management system acts on the information names whose copies it
    // registers, which are the ones this gateway holds.
    private static readonly FrozenSet<string> HeldInformationNames =
        Copies.InformationNames.All.Select(n => n.Code.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsActive => DeactivatedAt is null;

    /// <summary>
    /// The information names this system may act on (<see cref="Caller.MayActOn"/>). Empty for the address system,
    /// which, like an unrestricted staff member, would then pass for every name: no RPC of its role names one.
    /// </summary>
    public IReadOnlySet<string> InformationNames => Role == Roles.HealthSystem ? HeldInformationNames : FrozenSet<string>.Empty;
}
