using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Inquiries;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;
using WireAnsweredRecord = Linkage.Contracts.V1.AnsweredRecord;

namespace Linkage.Gateway.Services;

/// <summary>Outgoing inquiries for the back office.</summary>
[Authorize(Roles = Roles.BackOffice)]
public sealed class InquiryService(InquiryHandler handler) : Inquiry.InquiryBase
{
    public override async Task<InquireResponse> Inquire(InquireRequest request, ServerCallContext context)
    {
        var result = await handler.InquireAsync(new InquiryRequest(
            request.AffairCode, request.ProcedureCode, request.InformationNameCode,
            request.InternalAddressNumber, request.ProviderInstitutionCode), context.CancellationToken);
        return ToResponse(result);
    }

    public override async Task<InquireResponse> GetInquiryResult(GetInquiryResultRequest request, ServerCallContext context) =>
        ToResponse(await handler.GetResultAsync(request.InquiryId, context.CancellationToken));

    public override async Task<ListPendingResultsResponse> ListPendingResults(ListPendingResultsRequest request, ServerCallContext context)
    {
        var ready = await handler.ListReadyAsync(request.PageSize is > 0 and <= 1000 ? request.PageSize : 100, context.CancellationToken);
        var response = new ListPendingResultsResponse();
        response.Results.AddRange(ready.Select(r => new PendingResult
        {
            InquiryId = r.Inquiry.InquiryId,
            ProviderInstitutionCode = r.Inquiry.Provider.Value,
            InformationNameCode = r.Inquiry.InformationName.Value,
            Outcome = r.Outcome.ToWire(),
        }));
        return response;
    }

    private static InquireResponse ToResponse(InquiryResult result)
    {
        var response = new InquireResponse
        {
            InquiryId = result.InquiryId,
            Outcome = result.Outcome.ToWire(),
            NotProvidedReason = result.Reason,
        };
        foreach (var record in result.Records)
        {
            var wire = new WireAnsweredRecord
            {
                RecordKey = record.RecordKey, Version = record.Version, ValidFrom = record.ValidFrom, ValidTo = record.ValidTo,
            };
            wire.Items.AddRange(record.Items.Select(i => new ItemValue { ItemCode = i.ItemCode, Value = i.Value }));
            response.Records.Add(wire);
        }
        return response;
    }
}
