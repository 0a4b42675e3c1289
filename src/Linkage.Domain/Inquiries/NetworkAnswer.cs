using Linkage.Domain.Records;

namespace Linkage.Domain.Inquiries;

/// <summary>
/// The provider's answer after decryption. When the provider held it, <see cref="HeldPrivateKey"/> is the inquiry's
/// one-time private key, to be kept until the answer arrives.
/// </summary>
public sealed record NetworkAnswer(string PermitId, ProvisionOutcome Outcome, string Reason, IReadOnlyList<AnsweredRecord> Records,
    byte[]? HeldPrivateKey = null);
