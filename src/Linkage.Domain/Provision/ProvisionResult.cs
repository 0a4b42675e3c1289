using Linkage.Domain.Records;

namespace Linkage.Domain.Provision;

public sealed record ProvisionResult(string InquiryId, string PermitId, ProvisionOutcome Outcome, string Reason, SealedAnswer? Answer);
