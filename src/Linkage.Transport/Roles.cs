namespace Linkage.Transport;

/// <summary>The roles a certificate can carry (its OU). Every RPC names the roles that may call it.</summary>
public static class Roles
{
    /// <summary>The provision network (hub) calling a gateway or the resident registry.</summary>
    public const string Network = "network";

    /// <summary>An institution's gateway calling the hub.</summary>
    public const string Gateway = "gateway";

    /// <summary>A back-office system: health management, address system.</summary>
    public const string BackOffice = "back-office";

    public const string Reviewer = "reviewer";
    public const string Administrator = "administrator";
    public const string Auditor = "auditor";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string> { Network, Gateway, BackOffice, Reviewer, Administrator, Auditor };
}
