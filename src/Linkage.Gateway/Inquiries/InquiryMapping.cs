using Linkage.Contracts.V1;
using Linkage.Domain.Inquiries;
using Linkage.Network.Client;
using WireAnsweredRecord = Linkage.Contracts.V1.AnsweredRecord;

namespace Linkage.Gateway.Inquiries;

/// <summary>The back office's inquiry messages as domain values, and results as messages.</summary>
internal static class InquiryMapping
{
    public static InquiryRequest ToDomain(InquireRequest request) => new(
        request.AffairCode, request.ProcedureCode, request.InformationNameCode, request.InternalAddressNumber, request.ProviderInstitutionCode);

    public static InquireResponse ToWire(InquiryResult result)
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
                RecordKey = record.RecordKey,
                Version = record.Version,
                ValidFrom = record.ValidFrom,
                ValidTo = record.ValidTo,
            };
            wire.Items.AddRange(record.Items.Select(i => new ItemValue { ItemCode = i.ItemCode, Value = i.Value }));
            response.Records.Add(wire);
        }
        return response;
    }

    public static ListPendingResultsResponse ToWire(IEnumerable<InquiryState> ready)
    {
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
}
