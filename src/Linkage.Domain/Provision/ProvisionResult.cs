using Linkage.Domain.Answers;

namespace Linkage.Domain.Provision;

/// <param name="HeldSenderPublicKey">When held: the provider's answer key that the held answer's key was derived with,
/// for the inquirer to derive the same key.</param>
public sealed record ProvisionResult(string InquiryId, string PermitId, ProvisionOutcome Outcome, string Reason, SealedAnswer? Answer,
    byte[]? HeldSenderPublicKey = null);
