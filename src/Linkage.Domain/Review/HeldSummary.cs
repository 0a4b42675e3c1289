using Linkage.Domain.Codes;

namespace Linkage.Domain.Review;

/// <summary>A held response as a reviewer's list shows it: no person, no answer.</summary>
public sealed record HeldSummary(
    string PermitId,
    string InquiryId,
    string InquirerInstitution,
    InformationNameCode InformationName,
    string HoldReason,
    DateTimeOffset ReceivedAt,
    DateTimeOffset Deadline,
    bool Escalated,
    HeldState State,
    bool TwoPerson,
    DeliveryState Delivery);

/// <summary>
/// Which held responses to list; unset filters match all. <see cref="States"/> empty: the undecided ones;
/// <see cref="InformationNames"/> empty: every information name.
/// </summary>
public sealed record HeldFilter(IReadOnlyList<HeldState> States, IReadOnlyCollection<string> InformationNames, string? Inquirer,
    DateTimeOffset? DeadlineBefore);

/// <summary>One page, escalated first then oldest first, and where the next begins (null on the last page).</summary>
public sealed record HeldPage(IReadOnlyList<HeldSummary> Items, string? NextPageToken);
