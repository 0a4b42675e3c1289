using Linkage.Contracts.Network.V1;
using Linkage.Domain.Answers;
using Linkage.Domain.Provision;
using Linkage.Network.Client;
using ProvisionOutcome = Linkage.Domain.Answers.ProvisionOutcome;
using WireOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.Gateway.Provision;

/// <summary>The hub's messages to this gateway as domain values, and our answers as the network's messages.</summary>
internal static class ProvisionMapping
{
    public static IncomingInquiry ToDomain(RelayedInquiry request) => new(
        request.InquiryId, request.AffairCode, request.ProcedureCode, request.InformationNameCode, NetworkWire.FromWire(request.Permit));

    public static ProvisionAnswer ToWire(ProvisionResult result) => new()
    {
        InquiryId = result.InquiryId,
        PermitId = result.PermitId,
        NotProvidedReason = result.Reason,
        Outcome = result.Outcome.ToWire(),
        Payload = result.Answer?.ToWire(),
        HeldSenderPublicKey = result.HeldSenderPublicKey is { } heldKey ? Google.Protobuf.ByteString.CopyFrom(heldKey) : Google.Protobuf.ByteString.Empty,
    };

    /// <summary>
    /// A later answer to one of our held inquiries. An outcome other than provided or not provided reads as held, which
    /// <see cref="Domain.Inquiries.AnswerDelivery"/> refuses as bad input once it has checked the permit.
    /// </summary>
    public static (ProvisionOutcome Outcome, string Reason, SealedAnswer? Answer) ToDomain(ProvisionAnswer answer) =>
        (answer.Outcome switch
        {
            WireOutcome.Provided => ProvisionOutcome.Provided,
            WireOutcome.NotProvided => ProvisionOutcome.NotProvided,
            _ => ProvisionOutcome.Held,
        }, answer.NotProvidedReason, NetworkWire.FromWire(answer.Payload));
}
