using Linkage.Contracts.Network.V1;
using Linkage.Domain.Answers;
using Linkage.Domain.Permits;
using Linkage.Domain.Review;
using ProvisionOutcome = Linkage.Domain.Answers.ProvisionOutcome;

namespace Linkage.Network.Client;

/// <summary>
/// Sends a decided held answer to the hub. Safe to repeat: the inquirer accepts one answer per inquiry and reports a
/// resent one as already delivered.
/// </summary>
public sealed class HubAnswerRelay(HubConnection hub) : IAnswerRelay
{
    public Task RelayAsync(SignedPermitData permit, string permitId, string inquiryId, ProvisionOutcome outcome, string reason,
        SealedAnswer? answer, CancellationToken ct)
    {
        var delivered = new DeliveredAnswer
        {
            Permit = permit.ToWire(),
            Answer = new ProvisionAnswer
            {
                InquiryId = inquiryId,
                PermitId = permitId,
                // A decided answer is provided or not: anything else goes out as not provided, never as held.
                Outcome = (outcome == ProvisionOutcome.Provided ? ProvisionOutcome.Provided : ProvisionOutcome.NotProvided).ToWire(),
                NotProvidedReason = reason,
                Payload = answer?.ToWire(),
            },
        };
        return hub.RepeatableAsync(options => hub.Client.RelayAnswerAsync(delivered, options).ResponseAsync, ct);
    }
}
