namespace Linkage.Domain.Staff;

/// <summary>What stands behind a certificate. The names are stored in the operation log.</summary>
public enum CallerKind
{
    /// <summary>A certificate of our authority that the registry does not know (only ever refused).</summary>
    Unregistered = 0,
    Staff = 1,
    System = 2,

    /// <summary>The hub, trusted from configuration.</summary>
    Network = 3,
}
