namespace Linkage.Domain.Review;

/// <summary>Where a held response stands. Stored as these numbers.</summary>
public enum HeldState
{
    Waiting = 1,

    /// <summary>Two-person approval: one reviewer approved, a second (another person) must.</summary>
    FirstApproval = 2,
    Approved = 3,
    Declined = 4,
}
