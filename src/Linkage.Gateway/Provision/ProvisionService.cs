using Grpc.Core;
using Linkage.Contracts.Network.V1;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Provision;
using Linkage.Network.Client;
using ProvisionContract = Linkage.Contracts.V1.Provision;

namespace Linkage.Gateway.Provision;

/// <summary>Incoming provision: the hub relays an inquiry with its permit; we answer, sealed to the inquirer.</summary>
public sealed class ProvisionService(ProvisionHandler handler, AnswerDelivery delivery) : ProvisionContract.ProvisionBase
{
    public override async Task<ProvisionAnswer> Provide(RelayedInquiry request, ServerCallContext context) =>
        ProvisionMapping.ToWire(await handler.ProvideAsync(ProvisionMapping.ToDomain(request), context.CancellationToken));

    public override async Task<DeliveryReceipt> DeliverAnswer(DeliveredAnswer request, ServerCallContext context)
    {
        var (outcome, reason, answer) = ProvisionMapping.ToDomain(request.Answer ?? new ProvisionAnswer());
        var (inquiryId, delivered) = await delivery.DeliverAsync(NetworkWire.FromWire(request.Permit), outcome, reason, answer,
            context.CancellationToken);
        return new DeliveryReceipt { InquiryId = inquiryId, AlreadyDelivered = !delivered };
    }
}
