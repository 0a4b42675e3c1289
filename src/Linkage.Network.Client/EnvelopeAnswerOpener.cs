using System.Security.Cryptography;
using Google.Protobuf;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Answers;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Domain.Inquiries;
using DomainAnsweredRecord = Linkage.Domain.Answers.AnsweredRecord;

namespace Linkage.Network.Client;

/// <summary>Opens an answer sealed to one of our inquiry keys and reads the network's plaintext form.</summary>
public sealed class EnvelopeAnswerOpener : IAnswerOpener
{
    public IReadOnlyList<DomainAnsweredRecord> Open(byte[] privateKey, string permitId, string inquiryId, SealedAnswer answer) =>
        Read(() => AnswerEnvelope.Open(privateKey, answer, AnswerEnvelope.AssociatedData(permitId, inquiryId)));

    public IReadOnlyList<DomainAnsweredRecord> OpenWithAnswerKey(byte[] answerKey, string permitId, string inquiryId, SealedAnswer answer) =>
        Read(() => AnswerEnvelope.OpenWithKey(answerKey, answer, AnswerEnvelope.AssociatedData(permitId, inquiryId)));

    private static IReadOnlyList<DomainAnsweredRecord> Read(Func<byte[]> open)
    {
        try
        {
            return Answer.Parser.ParseFrom(open()).Records
                .Select(r => new DomainAnsweredRecord(r.RecordKey, r.Version, r.ValidFrom, r.ValidTo,
                    r.Items.Select(i => new ItemEntry(i.ItemCode, i.Value)).ToList()))
                .ToList();
        }
        catch (Exception error) when (error is CryptographicException or InvalidProtocolBufferException)
        {
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.AnswerUndecryptable,
                "The provider's answer could not be decrypted or was altered on the way.");
        }
    }
}
