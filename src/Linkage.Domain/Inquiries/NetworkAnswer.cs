using Linkage.Domain.Records;

namespace Linkage.Domain.Inquiries;

/// <summary>The provider's answer after decryption.</summary>
public sealed record NetworkAnswer(string PermitId, ProvisionOutcome Outcome, string Reason, IReadOnlyList<AnsweredRecord> Records);
