using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Records;
using Linkage.Network.Client;
using RecordDirection = Linkage.Domain.Records.RecordDirection;
using WireDirection = Linkage.Contracts.V1.RecordDirection;

namespace Linkage.Gateway.Records;

/// <summary>Stored records and verification results as the Records service's messages.</summary>
internal static class RecordsMapping
{
    /// <summary>
    /// A page's start as the request names it: after the last entry of the previous page, its node and sequence; both
    /// unset for the first page. A sequence alone names no entry (every node's chain has one of each number).
    /// </summary>
    public static ChainPosition? After(string node, long sequence)
    {
        if (node.Length == 0 && sequence == 0) return null;
        if (sequence < 0)
            throw Domain.Errors.DomainException.InvalidField("after_sequence", Domain.Errors.ErrorReasons.InvalidArgument,
                "A sequence number is not negative.");
        return new ChainPosition(NodeName.Parse(node, "after_node"), sequence);
    }

    public static ListRecordsResponse ToWire(IEnumerable<ChainLink<ProvisionRecordEntry>> stored)
    {
        var response = new ListRecordsResponse();
        response.Records.AddRange(stored.Select(s => new ProvisionRecordView
        {
            Sequence = s.Sequence,
            Node = s.Node,
            RecordedAt = Timestamp.FromDateTimeOffset(s.Entry.RecordedAt),
            Direction = s.Entry.Direction == RecordDirection.Incoming ? WireDirection.Incoming : WireDirection.Outgoing,
            InquiryId = s.Entry.InquiryId,
            PermitId = s.Entry.PermitId,
            InquirerInstitutionCode = s.Entry.InquirerInstitution,
            ProviderInstitutionCode = s.Entry.ProviderInstitution,
            AffairCode = s.Entry.Affair,
            ProcedureCode = s.Entry.Procedure,
            InformationNameCode = s.Entry.InformationName,
            LegalBasis = s.Entry.LegalBasis,
            Outcome = s.Entry.Outcome.ToWire(),
            Reason = s.Entry.Reason,
        }));
        return response;
    }

    public static VerifyResponse ToWire(IReadOnlyList<VerifiedChain> verified, string node)
    {
        var response = new VerifyResponse { Intact = verified.All(v => v.Result.Intact), Node = node };
        response.Chains.AddRange(verified.Select(v => ToWire(v.ChainId, v.Node, v.Result)));
        return response;
    }

    private static Contracts.V1.ChainVerification ToWire(string chainId, string node, Domain.Chains.ChainVerification result) => new()
    {
        ChainId = chainId,
        Node = node,
        Intact = result.Intact,
        EntriesChecked = result.Checked,
        FirstBrokenSequence = result.FirstBrokenSequence,
        Description = result.Description,
        CheckpointsChecked = result.CheckpointsChecked,
        UnsealedEntries = result.UnsealedEntries,
        UnwitnessedCheckpoints = result.UnwitnessedCheckpoints,
        WitnessedSequence = result.WitnessedSequence,
        HubCompared = result.HubCompared,
    };
}
