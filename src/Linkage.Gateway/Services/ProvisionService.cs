using Grpc.Core;
using Linkage.Contracts.Network.V1;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Provision;
using Linkage.Domain.Records;
using Linkage.Network.Client;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;

namespace Linkage.Gateway.Services;

/// <summary>Incoming provision: the hub relays an inquiry with its permit; we answer, sealed to the inquirer.</summary>
[Authorize(Roles = Roles.Network)]
public sealed class ProvisionService(ProvisionHandler handler, AnswerDelivery delivery) : Contracts.V1.Provision.ProvisionBase
{
    public override async Task<ProvisionAnswer> Provide(RelayedInquiry request, ServerCallContext context)
    {
        var result = await handler.ProvideAsync(new IncomingInquiry(
            request.InquiryId, request.AffairCode, request.ProcedureCode, request.InformationNameCode,
            SignedPermitVerifier.FromWire(request.Permit)), context.CancellationToken);

        var answer = new ProvisionAnswer
        {
            InquiryId = result.InquiryId,
            PermitId = result.PermitId,
            NotProvidedReason = result.Reason,
            Outcome = result.Outcome switch
            {
                ProvisionOutcome.Provided => AnswerOutcome.Provided,
                ProvisionOutcome.Held => AnswerOutcome.Held,
                _ => AnswerOutcome.NotProvided,
            },
        };
        if (result.Answer is { } sealedAnswer) answer.Payload = EnvelopeAnswerSealer.ToWire(sealedAnswer);
        if (result.HeldSenderPublicKey is { } heldKey) answer.HeldSenderPublicKey = Google.Protobuf.ByteString.CopyFrom(heldKey);
        return answer;
    }

    public override async Task<DeliveryReceipt> DeliverAnswer(DeliveredAnswer request, ServerCallContext context)
    {
        var answer = request.Answer ?? new ProvisionAnswer();
        var outcome = answer.Outcome switch
        {
            AnswerOutcome.Provided => ProvisionOutcome.Provided,
            AnswerOutcome.NotProvided => ProvisionOutcome.NotProvided,
            _ => ProvisionOutcome.Held,
        };
        var (inquiryId, delivered) = await delivery.DeliverAsync(SignedPermitVerifier.FromWire(request.Permit), outcome,
            answer.NotProvidedReason, EnvelopeAnswerOpener.FromWire(answer.Payload), context.CancellationToken);
        return new DeliveryReceipt { InquiryId = inquiryId, AlreadyDelivered = !delivered };
    }
}
