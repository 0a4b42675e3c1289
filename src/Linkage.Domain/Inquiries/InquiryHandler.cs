using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Symbols;

namespace Linkage.Domain.Inquiries;

/// <summary>
/// Outgoing inquiry (情報照会): check the local permitted list, look up our symbol, let the network do the rest,
/// and record the outcome — refusals included — before the back office sees it.
/// </summary>
public sealed class InquiryHandler(
    InstitutionCode self,
    IPermittedListSource lists,
    ISymbolStore symbols,
    INetworkInquirer network,
    IRecordWriter records,
    TimeProvider clock)
{
    public async Task<InquiryResult> InquireAsync(InquiryRequest request, CancellationToken ct)
    {
        var affair = AffairCode.Parse(request.AffairCode);
        var procedure = ProcedureCode.Parse(request.ProcedureCode);
        var name = InformationNameCode.Parse(request.InformationNameCode);
        var person = InternalAddressNumber.Parse(request.InternalAddressNumber);
        var provider = InstitutionCode.Parse(request.ProviderInstitutionCode, "provider_institution_code");

        var list = lists.Current ?? throw new DomainException(ErrorKind.Unavailable,
            ErrorReasons.PermittedListUnavailable, "The permitted-inquiry list has not been received from the hub yet.");
        var entry = list.Require(self, affair, procedure, provider, name, JapanDate.Of(clock.GetUtcNow()));
        var symbol = await symbols.FindSymbolAsync(person, ct) ?? throw new DomainException(ErrorKind.FailedPrecondition,
            ErrorReasons.SymbolNotAcquired, "No symbol has been acquired for this person.");

        var inquiryId = Guid.NewGuid().ToString("N");
        ProvisionRecordEntry Record(string permitId, ProvisionOutcome outcome, string reason) =>
            new(clock.GetUtcNow(), RecordDirection.Outgoing, inquiryId, permitId, self.Value, provider.Value,
                affair.Value, procedure.Value, name.Value, entry.LegalBasis, outcome, reason, person);

        NetworkAnswer answer;
        try
        {
            answer = await network.InquireAsync(new OutgoingInquiry(inquiryId, symbol, affair, procedure, name, provider), ct);
        }
        catch (DomainException refusal)
        {
            await records.AppendAsync(Record("", ProvisionOutcome.NotProvided, refusal.Reason), null, ct);
            throw;
        }

        await records.AppendAsync(Record(answer.PermitId, answer.Outcome, answer.Reason), null, ct);
        return new InquiryResult(inquiryId, answer.Outcome, answer.Reason, answer.Records);
    }
}
