using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Records;
using Linkage.Storage.Records;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;

namespace Linkage.Gateway.Services;

/// <summary>Provision records for auditors and administrators: listing, disclosure for one person, chain verification.</summary>
[Authorize(Roles = $"{Roles.Auditor},{Roles.Administrator}")]
public sealed class RecordsService(IRecordReader records, RecordChainVerifier verifier) : Records.RecordsBase
{
    public override async Task<ListRecordsResponse> ListRecords(ListRecordsRequest request, ServerCallContext context)
    {
        var pageSize = request.PageSize is > 0 and <= 1000 ? request.PageSize : 100;
        return ToResponse(await records.ListAsync(request.AfterSequence, pageSize, context.CancellationToken));
    }

    public override async Task<ListRecordsResponse> Disclose(DiscloseRequest request, ServerCallContext context) =>
        ToResponse(await records.ListForPersonAsync(InternalAddressNumber.Parse(request.InternalAddressNumber), context.CancellationToken));

    public override async Task<VerifyResponse> Verify(VerifyRequest request, ServerCallContext context)
    {
        var result = await verifier.VerifyAsync(context.CancellationToken);
        return new VerifyResponse
        {
            Intact = result.Intact, RecordsChecked = result.Checked,
            FirstBrokenSequence = result.FirstBrokenSequence, Description = result.Description,
        };
    }

    private static ListRecordsResponse ToResponse(IEnumerable<StoredRecord> stored)
    {
        var response = new ListRecordsResponse();
        response.Records.AddRange(stored.Select(s => new ProvisionRecordView
        {
            Sequence = s.Sequence,
            RecordedAt = Timestamp.FromDateTimeOffset(s.Entry.RecordedAt),
            Direction = s.Entry.Direction == Domain.Records.RecordDirection.Incoming
                ? Contracts.V1.RecordDirection.Incoming : Contracts.V1.RecordDirection.Outgoing,
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
}
