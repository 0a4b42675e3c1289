using Linkage.Domain.Answers;

namespace Linkage.Domain.Inquiries;

/// <summary>
/// The provider's answer after decryption. When the provider held it, <see cref="HeldAnswerKey"/> is the held answer's
/// own key, derived now with the provider's answer key named in the held reply, to be kept until the answer arrives. When the inquiry failed after the hub had issued its
/// permit (the relay timed out, the answer would not decrypt, the caller gave up), <see cref="Failure"/> is the
/// exception to rethrow, <see cref="Reason"/> the reason to record, and <see cref="PermitId"/> still names the permit,
/// so that our record can be matched with the provider's.
/// </summary>
public sealed record NetworkAnswer(string PermitId, ProvisionOutcome Outcome, string Reason, IReadOnlyList<AnsweredRecord> Records,
    byte[]? HeldAnswerKey = null, Exception? Failure = null)
{
    public static NetworkAnswer Failed(string permitId, Exception failure) =>
        new(permitId, ProvisionOutcome.NotProvided, ReasonOf(failure), [], Failure: failure);

    private static string ReasonOf(Exception failure) => failure switch
    {
        Errors.DomainException refusal => refusal.Reason,
        OperationCanceledException => Errors.ErrorReasons.Cancelled,
        _ => Errors.ErrorReasons.Internal,
    };
}
