using Linkage.Domain.Errors;

namespace Linkage.Domain.Answers;

/// <summary>
/// The largest sealed answer this gateway sends. Judged after sealing and before the record is written, so an answer
/// over the cap is recorded and answered as not provided (ANSWER_TOO_LARGE), never recorded as provided and then lost
/// to the transport's message limit on its way to the hub.
/// </summary>
public sealed record AnswerSizeCap(int MaxBytes)
{
    /// <summary>1 MiB: hundreds of screening records of one person, and a quarter of the 4 MiB a gRPC message may carry.</summary>
    public const int DefaultBytes = 1024 * 1024;

    public static AnswerSizeCap Default { get; } = new(DefaultBytes);

    public (ProvisionOutcome Outcome, string Reason, SealedAnswer? Answer) Judge(SealedAnswer answer) =>
        answer.Ciphertext.Length <= MaxBytes
            ? (ProvisionOutcome.Provided, "", answer)
            : (ProvisionOutcome.NotProvided, ErrorReasons.AnswerTooLarge, null);
}
