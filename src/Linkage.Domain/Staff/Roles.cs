namespace Linkage.Domain.Staff;

/// <summary>
/// The roles of everyone who calls a gateway. A certificate says who the caller is; the gateway's registry of staff
/// and connected systems grants these roles (the hub's from configuration). Every RPC names the roles that may call it.
/// </summary>
public static class Roles
{
    /// <summary>The provision network (hub) calling a gateway or the resident registry.</summary>
    public const string Network = "network";

    /// <summary>An institution's gateway calling the hub (granted by the hub, never by a gateway).</summary>
    public const string Gateway = "gateway";

    /// <summary>The health management system: copies, inquiries and result pick-up.</summary>
    public const string HealthSystem = "health-system";

    /// <summary>The address system: symbols and retirement.</summary>
    public const string AddressSystem = "address-system";

    public const string Reviewer = "reviewer";
    public const string Administrator = "administrator";
    public const string Auditor = "auditor";

    /// <summary>The roles a staff member can be given; staff work in sessions.</summary>
    public static readonly IReadOnlySet<string> Staff = new HashSet<string>(StringComparer.Ordinal) { Reviewer, Administrator, Auditor };

    /// <summary>The roles of a connected back-office system; systems authenticate by certificate alone.</summary>
    public static readonly IReadOnlySet<string> Systems = new HashSet<string>(StringComparer.Ordinal) { HealthSystem, AddressSystem };

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
        { Network, Gateway, HealthSystem, AddressSystem, Reviewer, Administrator, Auditor };
}
