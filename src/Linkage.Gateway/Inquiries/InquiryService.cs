using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain;
using Linkage.Domain.Inquiries;

namespace Linkage.Gateway.Inquiries;

/// <summary>Outgoing inquiries for the back office.</summary>
public sealed class InquiryService(InquiryHandler handler) : Inquiry.InquiryBase
{
    public override async Task<InquireResponse> Inquire(InquireRequest request, ServerCallContext context) =>
        InquiryMapping.ToWire(await handler.InquireAsync(InquiryMapping.ToDomain(request), context.CancellationToken));

    public override async Task<InquireResponse> GetInquiryResult(GetInquiryResultRequest request, ServerCallContext context) =>
        InquiryMapping.ToWire(await handler.GetResultAsync(request.InquiryId, context.CancellationToken));

    public override async Task<ListPendingResultsResponse> ListPendingResults(ListPendingResultsRequest request, ServerCallContext context) =>
        InquiryMapping.ToWire(await handler.ListReadyAsync(PageSize.Of(request.PageSize), context.CancellationToken));
}
