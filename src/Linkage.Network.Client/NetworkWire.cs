using Google.Protobuf;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Answers;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using ProvisionOutcome = Linkage.Domain.Answers.ProvisionOutcome;
using WireOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.Network.Client;

/// <summary>
/// The network contract's messages as domain values and back: the one place for both ends of this gateway (the hub
/// client here, and the gateway's Provision service, which the hub calls with the same messages).
/// </summary>
public static class NetworkWire
{
    public static WireOutcome ToWire(this ProvisionOutcome outcome) => outcome switch
    {
        ProvisionOutcome.Provided => WireOutcome.Provided,
        ProvisionOutcome.Held => WireOutcome.Held,
        ProvisionOutcome.NotProvided => WireOutcome.NotProvided,
        _ => WireOutcome.Unspecified,
    };

    /// <summary>The permit as data; null when the message carried none (refused, and recorded, by whoever needs one).</summary>
    public static SignedPermitData? FromWire(SignedPermit? permit) => permit is null
        ? null
        : new SignedPermitData(permit.Permit.ToByteArray(), permit.Signature.ToByteArray(), permit.KeyId);

    public static SignedPermit ToWire(this SignedPermitData permit) => new()
    {
        Permit = ByteString.CopyFrom(permit.Permit),
        Signature = ByteString.CopyFrom(permit.Signature),
        KeyId = permit.KeyId,
    };

    public static EncryptedPayload ToWire(this SealedAnswer sealedAnswer) => new()
    {
        EphemeralPublicKey = ByteString.CopyFrom(sealedAnswer.SenderPublicKey),
        Nonce = ByteString.CopyFrom(sealedAnswer.Nonce),
        Ciphertext = ByteString.CopyFrom(sealedAnswer.Ciphertext),
        EnvelopeVersion = AnswerEnvelope.Version,
    };

    /// <summary>The sealed answer; one in another envelope version is refused by its version before any decryption.</summary>
    public static SealedAnswer? FromWire(EncryptedPayload? payload)
    {
        if (payload is null) return null;
        if (payload.EnvelopeVersion != AnswerEnvelope.Version)
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.AnswerUndecryptable,
                $"The answer is sealed in envelope version {payload.EnvelopeVersion}; this gateway opens version {AnswerEnvelope.Version}.");
        return new SealedAnswer(payload.EphemeralPublicKey.ToByteArray(), payload.Nonce.ToByteArray(), payload.Ciphertext.ToByteArray());
    }
}
