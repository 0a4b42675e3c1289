using Linkage.Domain.Answers;

namespace Linkage.Domain.Inquiries;

public sealed record InquiryResult(string InquiryId, ProvisionOutcome Outcome, string Reason, IReadOnlyList<AnsweredRecord> Records);
