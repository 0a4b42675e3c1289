using System.Security.Cryptography;
using Google.Protobuf;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Answers;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;

namespace Linkage.Network.Client;

/// <summary>The answer in the network's plaintext form, sealed to the inquirer's key and bound to the permit and inquiry.</summary>
public sealed class EnvelopeAnswerSealer(AnswerKeys answerKeys) : IAnswerSealer
{
    public SealedAnswer Seal(PermitClaims permit, IReadOnlyList<ProvisionCopy> copies)
    {
        var sender = answerKeys.Sealing.Current;
        return AnswerEnvelope.SealWithKey(AnswerKeyFor(sender, permit), sender.PublicKey, Plaintext(copies), AssociatedData(permit));
    }

    public HeldAnswerKey KeyForHeld(PermitClaims permit)
    {
        var sender = answerKeys.Sealing.Current;
        return new HeldAnswerKey(sender.PublicKey, AnswerKeyFor(sender, permit));
    }

    public SealedAnswer Seal(PermitClaims permit, IReadOnlyList<ProvisionCopy> copies, HeldAnswerKey key) =>
        AnswerEnvelope.SealWithKey(key.Key, key.SenderPublicKey, Plaintext(copies), AssociatedData(permit));

    private static byte[] Plaintext(IReadOnlyList<ProvisionCopy> copies)
    {
        var answer = new Answer();
        foreach (var copy in copies)
        {
            var record = new AnswerRecord
            {
                RecordKey = copy.RecordKey,
                Version = copy.Version,
                ValidFrom = copy.ValidFrom.ToString("yyyy-MM-dd"),
                ValidTo = copy.ValidTo?.ToString("yyyy-MM-dd") ?? "",
            };
            record.Items.AddRange(copy.Items.Select(i => new AnswerItem { ItemCode = i.ItemCode, Value = i.Value }));
            answer.Records.Add(record);
        }
        return answer.ToByteArray();
    }

    private static byte[] AnswerKeyFor(AnswerKeyGeneration sender, PermitClaims permit)
    {
        try
        {
            return AnswerEnvelope.AnswerKey(sender, permit.InquirerPublicKey, AssociatedData(permit));
        }
        catch (CryptographicException)
        {
            // The inquirer chose the key (the hub only checks its length): a low-order point is bad input, not our failure.
            throw new DomainException(ErrorKind.InvalidArgument, ErrorReasons.PermitMalformed,
                "The answer key named in the permit cannot be used for encryption.");
        }
    }

    private static byte[] AssociatedData(PermitClaims permit) => AnswerEnvelope.AssociatedData(permit.PermitId, permit.InquiryId);
}
