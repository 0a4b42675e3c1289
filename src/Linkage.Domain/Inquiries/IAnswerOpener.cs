using Linkage.Domain.Answers;

namespace Linkage.Domain.Inquiries;

/// <summary>Decrypts an answer sealed to one of our inquiry keys; throws <c>ANSWER_UNDECRYPTABLE</c> when it was altered.</summary>
public interface IAnswerOpener
{
    IReadOnlyList<AnsweredRecord> Open(byte[] privateKey, string permitId, string inquiryId, SealedAnswer answer);

    /// <summary>Opens a held answer with the key both sides derived when it was held.</summary>
    IReadOnlyList<AnsweredRecord> OpenWithAnswerKey(byte[] answerKey, string permitId, string inquiryId, SealedAnswer answer);
}
