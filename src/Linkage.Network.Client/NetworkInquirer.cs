using Google.Protobuf;
using Grpc.Core;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Errors;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Permits;
using ProvisionOutcome = Linkage.Domain.Answers.ProvisionOutcome;
using WireOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.Network.Client;

/// <summary>
/// The inquirer's protocol: a permit from the hub naming the public half of our current receiving key (it lives a
/// minute, see <see cref="RotatingAnswerKey"/>), the relay, and decryption of the answer bound to that permit and
/// inquiry. When the provider holds the answer, only that answer's own key leaves this call, to be kept (encrypted)
/// until the answer arrives: never the receiving key, which opens the other answers of its minute too.
/// </summary>
public sealed class NetworkInquirer(HubConnection hub, IAnswerOpener opener, IPermitVerifier verifier, AnswerKeys answerKeys) : INetworkInquirer
{
    public async Task<NetworkAnswer> InquireAsync(OutgoingInquiry inquiry, CancellationToken ct)
    {
        var keys = answerKeys.Receiving.Current;
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

        // The permit is believed only with the hub's signature, and only if it is the one we asked for.
        var claims = verifier.Verify(NetworkWire.FromWire(signed));
        if (claims.InquiryId != inquiry.InquiryId || claims.Provider != inquiry.Provider || claims.InformationName != inquiry.InformationName
            || claims.Affair != inquiry.Affair || claims.Procedure != inquiry.Procedure || !claims.InquirerPublicKey.AsSpan().SequenceEqual(keys.PublicKey))
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.PermitMismatch, "The hub's permit is not for the inquiry we asked about.");
        var permit = Permit.Parser.ParseFrom(signed.Permit);
        var relayed = new RelayedInquiry
        {
            Permit = signed,
            InquiryId = inquiry.InquiryId,
            AffairCode = inquiry.Affair.Value,
            ProcedureCode = inquiry.Procedure.Value,
            InformationNameCode = inquiry.InformationName.Value,
        };
        try
        {
            var answer = await hub.OnceAsync(options => hub.Client.RelayInquiryAsync(relayed, options).ResponseAsync, ct);
            // Anything but provided or held (an unknown value too) is an answer without data, as the network defines it.
            return answer.Outcome switch
            {
                WireOutcome.Provided => new NetworkAnswer(permit.PermitId, ProvisionOutcome.Provided, "",
                    opener.Open(keys.PrivateKey, permit.PermitId, permit.InquiryId, NetworkWire.FromWire(answer.Payload)
                        ?? throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.AnswerUndecryptable, "The provided answer has no payload."))),
                WireOutcome.Held => new NetworkAnswer(permit.PermitId, ProvisionOutcome.Held, answer.NotProvidedReason, [],
                    HeldAnswerKey(keys, answer, permit)),
                _ => new NetworkAnswer(permit.PermitId, ProvisionOutcome.NotProvided, answer.NotProvidedReason, []),
            };
        }
        catch (RpcException cancelled) when (cancelled.StatusCode == StatusCode.Cancelled)
        {
            // The permit exists now, and the provider may have recorded it: our record must name it too.
            return NetworkAnswer.Failed(permit.PermitId, new OperationCanceledException("The inquiry was cancelled.", cancelled, ct));
        }
        catch (Exception failure)
        {
            return NetworkAnswer.Failed(permit.PermitId, failure);
        }
    }

    private static byte[] HeldAnswerKey(AnswerKeyGeneration keys, ProvisionAnswer answer, Permit permit)
    {
        try
        {
            return AnswerEnvelope.AnswerKey(keys.PrivateKey, answer.HeldSenderPublicKey.ToByteArray(),
                AnswerEnvelope.AssociatedData(permit.PermitId, permit.InquiryId));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.AnswerUndecryptable,
                "The provider held the answer without naming a usable answer key.");
        }
    }
}
