using Linkage.Domain.Answers;

namespace Linkage.Domain.Inquiries;

/// <summary>Where a held inquiry stands: still held, or answered (sealed as it arrived), and whether it was picked up.</summary>
public sealed record InquiryState(PendingInquiry Inquiry, ProvisionOutcome Outcome, string Reason, SealedAnswer? Answer, bool PickedUp);
