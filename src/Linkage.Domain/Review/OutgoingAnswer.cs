using Linkage.Domain.Answers;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Review;

/// <summary>Where an answer's delivery to the hub stands. Stored as these numbers.</summary>
public enum DeliveryState
{
    None = 0,
    Pending = 1,
    Delivered = 2,

    /// <summary>Gave up after the configured attempts; an administrator may send it again.</summary>
    Parked = 3,
}

/// <summary>
/// A decided answer in the outbox: written with its decision and record in one transaction, then delivered to the hub
/// by the dispatcher until acknowledged. The inquirer accepts one answer per inquiry, so a repeat is harmless.
/// </summary>
public sealed record OutgoingAnswer(
    string PermitId,
    string InquiryId,
    SignedPermitData Permit,
    ProvisionOutcome Outcome,
    string Reason,
    SealedAnswer? Answer,
    int Attempts = 0,
    DeliveryState State = DeliveryState.Pending,
    string LastError = "");
