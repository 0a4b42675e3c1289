using System.Security.Cryptography;
using Google.Protobuf;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Provision;
using Linkage.Domain.Records;
using DomainAnsweredRecord = Linkage.Domain.Inquiries.AnsweredRecord;

namespace Linkage.Network.Client;

/// <summary>
/// The inquirer's protocol: a fresh X25519 key per inquiry, a permit from the hub naming its public half, the relay,
/// and decryption of the answer bound to that permit and inquiry. The private key never leaves this call.
/// </summary>
public sealed class NetworkInquirer(HubConnection hub) : INetworkInquirer
{
    public async Task<NetworkAnswer> InquireAsync(OutgoingInquiry inquiry, CancellationToken ct)
    {
        var keys = X25519KeyPair.Generate();
        var signed = await hub.RepeatableAsync(options => hub.Client.RequestPermitAsync(new PermitRequest
        {
            InquiryId = inquiry.InquiryId,
            InquirerSymbol = inquiry.InquirerSymbol.Value,
            AffairCode = inquiry.Affair.Value,
            ProcedureCode = inquiry.Procedure.Value,
            InformationNameCode = inquiry.InformationName.Value,
            ProviderInstitutionCode = inquiry.Provider.Value,
            InquirerPublicKey = ByteString.CopyFrom(keys.PublicKey),
        }, options).ResponseAsync, ct);

        var permit = Permit.Parser.ParseFrom(signed.Permit);
        var relayed = new RelayedInquiry
        {
            Permit = signed,
            InquiryId = inquiry.InquiryId,
            AffairCode = inquiry.Affair.Value,
            ProcedureCode = inquiry.Procedure.Value,
            InformationNameCode = inquiry.InformationName.Value,
        };
        var answer = await hub.OnceAsync(options => hub.Client.RelayInquiryAsync(relayed, options).ResponseAsync, ct);

        return answer.Outcome switch
        {
            AnswerOutcome.Provided => new NetworkAnswer(permit.PermitId, ProvisionOutcome.Provided, "", Open(keys, permit, answer)),
            AnswerOutcome.Held => new NetworkAnswer(permit.PermitId, ProvisionOutcome.Held, answer.NotProvidedReason, []),
            _ => new NetworkAnswer(permit.PermitId, ProvisionOutcome.NotProvided, answer.NotProvidedReason, []),
        };
    }

    private static IReadOnlyList<DomainAnsweredRecord> Open(X25519KeyPair keys, Permit permit, ProvisionAnswer answer)
    {
        try
        {
            var payload = answer.Payload ?? throw new CryptographicException("The provided answer has no payload.");
            var plaintext = AnswerEnvelope.Open(keys.PrivateKey,
                new SealedAnswer(payload.EphemeralPublicKey.ToByteArray(), payload.Nonce.ToByteArray(), payload.Ciphertext.ToByteArray()),
                AnswerEnvelope.AssociatedData(permit.PermitId, permit.InquiryId));
            return Answer.Parser.ParseFrom(plaintext).Records
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
