using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Domain.Chains;
using Linkage.Domain.Records;
using Linkage.Network.Client;
using RecordDirection = Linkage.Domain.Records.RecordDirection;
using WireDirection = Linkage.Contracts.V1.RecordDirection;

namespace Linkage.Gateway.Records;

/// <summary>Stored records and verification results as the Records service's messages.</summary>
internal static class RecordsMapping
{
    public static ListRecordsResponse ToWire(IEnumerable<ChainLink<ProvisionRecordEntry>> stored)
    {
        var response = new ListRecordsResponse();
        response.Records.AddRange(stored.Select(s => new ProvisionRecordView
        {
            Sequence = s.Sequence,
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

    public static VerifyResponse ToWire(ChainVerification result) => new()
    {
        Intact = result.Intact,
        RecordsChecked = result.Checked,
        FirstBrokenSequence = result.FirstBrokenSequence,
        Description = result.Description,
        CheckpointsChecked = result.CheckpointsChecked,
        UnsealedEntries = result.UnsealedEntries,
        UnwitnessedCheckpoints = result.UnwitnessedCheckpoints,
        WitnessedSequence = result.WitnessedSequence,
        HubCompared = result.HubCompared,
    };
}
