using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Domain.Chains;
using Linkage.Domain.Staff;

namespace Linkage.Gateway.Records;

/// <summary>The operation log as the Records service's messages.</summary>
internal static class OperationsMapping
{
    public static OperationFilter ToFilter(ListOperationsRequest request) => new(
        request.ActorId.Length > 0 ? request.ActorId : null,
        request.From?.ToDateTimeOffset(),
        request.To?.ToDateTimeOffset(),
        request.Rpc.Length > 0 ? request.Rpc : null);

    public static ListOperationsResponse ToWire(IEnumerable<ChainLink<OperationEntry>> links)
    {
        var response = new ListOperationsResponse();
        response.Operations.AddRange(links.Select(link => new OperationView
        {
            Sequence = link.Sequence,
            Node = link.Node,
            At = Timestamp.FromDateTimeOffset(link.Entry.At),
            ActorKind = link.Entry.ActorKind.ToString().ToLowerInvariant(),
            ActorId = link.Entry.ActorId,
            SessionId = link.Entry.SessionId,
            Rpc = link.Entry.Rpc,
            Target = link.Entry.Target,
            Outcome = link.Entry.Outcome switch
            {
                Domain.Staff.OperationOutcome.Done => Contracts.V1.OperationOutcome.Done,
                Domain.Staff.OperationOutcome.Refused => Contracts.V1.OperationOutcome.Refused,
                _ => Contracts.V1.OperationOutcome.Failed,
            },
            Reason = link.Entry.Reason,
        }));
        return response;
    }
}
