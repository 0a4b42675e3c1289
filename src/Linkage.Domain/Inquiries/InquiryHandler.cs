using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Keys;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Symbols;

namespace Linkage.Domain.Inquiries;

/// <summary>
/// Outgoing inquiry (情報照会): check the local permitted list, look up our symbol, let the network do the rest,
/// and record the outcome — refusals included — before the back office sees it. A held answer leaves a pending
/// inquiry behind that <see cref="AnswerDelivery"/> completes and <see cref="GetResultAsync"/> hands out.
/// </summary>
public sealed class InquiryHandler(
    InstitutionScope scope,
    IPermittedListSource lists,
    ISymbolStore symbols,
    INetworkInquirer network,
    IPendingInquiryStore pending,
    IAnswerOpener opener,
    IRecordWriter records,
    IInstitutionKeys keys,
    TimeProvider clock)
{
    public async Task<InquiryResult> InquireAsync(InquiryRequest request, CancellationToken ct)
    {
        var affair = AffairCode.Parse(request.AffairCode);
        var procedure = ProcedureCode.Parse(request.ProcedureCode);
        var name = InformationNameCode.Parse(request.InformationNameCode);
        var person = InternalAddressNumber.Parse(request.InternalAddressNumber);
        var provider = InstitutionCode.Parse(request.ProviderInstitutionCode, "provider_institution_code");

        var self = scope.Code;
        var inquiryId = Guid.NewGuid().ToString("N");
        PermittedEntry? entry = null;
        ProvisionRecordEntry Record(string permitId, ProvisionOutcome outcome, string reason) => ProvisionRecordEntry.Outgoing(clock.GetUtcNow(),
            self, new OutgoingExchange(inquiryId, provider, affair, procedure, name, entry?.LegalBasis ?? "", person), permitId, outcome, reason);

        Symbol symbol;
        try
        {
            entry = lists.RequireCurrent().Require(self, affair, procedure, provider, name, JapanDate.Of(clock.GetUtcNow()));
            symbol = await symbols.FindSymbolAsync(person, ct) ?? throw new DomainException(ErrorKind.FailedPrecondition,
                ErrorReasons.SymbolNotAcquired, "No symbol has been acquired for this person.");
            // A held answer's key must be kept sealed until the answer comes: without the institution's keys it could
            // never be opened, so the inquiry is refused before the hub issues a permit for it.
            keys.Require();
        }
        catch (DomainException refusal)
        {
            // Refused here, before the network: still an inquiry about this person that they may later ask about.
            await records.AppendAsync(Record("", ProvisionOutcome.NotProvided, refusal.Reason), null, ct);
            throw;
        }

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

        if (answer.Failure is { } failure)
        {
            // Recorded even when the caller gave up: the provider may have answered and recorded this permit.
            await records.AppendAsync(Record(answer.PermitId, ProvisionOutcome.NotProvided, answer.Reason), null, CancellationToken.None);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        if (answer is { Outcome: ProvisionOutcome.Held, HeldAnswerKey: { } key })
        {
            try
            {
                await pending.SaveAsync(new PendingInquiry(inquiryId, answer.PermitId, provider, affair, procedure, name,
                    entry.LegalBasis, person, key, clock.GetUtcNow()), ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // Without its pending inquiry the held answer can never be taken in: the exchange is recorded as failed,
                // not dropped, and the back office gets the error.
                await records.AppendAsync(Record(answer.PermitId, ProvisionOutcome.NotProvided, ErrorReasons.Internal), null, CancellationToken.None);
                throw;
            }
        }
        await records.AppendAsync(Record(answer.PermitId, answer.Outcome, answer.Reason), null, ct);
        return new InquiryResult(inquiryId, answer.Outcome, answer.Reason, answer.Records);
    }

    /// <summary>The result of a held inquiry: still held, or the delivered answer (which counts as picked up).</summary>
    public async Task<InquiryResult> GetResultAsync(string? inquiryId, CancellationToken ct)
    {
        var state = await FindAsync(inquiryId, ct);
        if (state.Outcome == ProvisionOutcome.Held)
            return new InquiryResult(state.Inquiry.InquiryId, ProvisionOutcome.Held, state.Reason, []);
        var opened = state.Answer is null ? [] : state.Inquiry.Open(opener, state.Answer);
        await pending.MarkPickedUpAsync(state.Inquiry.InquiryId, ct);
        return new InquiryResult(state.Inquiry.InquiryId, state.Outcome, state.Reason, opened);
    }

    public Task<IReadOnlyList<InquiryState>> ListReadyAsync(int max, CancellationToken ct) => pending.ListReadyAsync(max, ct);

    private async Task<InquiryState> FindAsync(string? inquiryId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(inquiryId) || inquiryId.Length > 64)
            throw DomainException.InvalidField("inquiry_id", ErrorReasons.MissingField, "An inquiry id of at most 64 characters is required.");
        return await pending.FindAsync(inquiryId, ct) ?? throw new DomainException(ErrorKind.NotFound,
            ErrorReasons.InquiryNotFound, "No held inquiry has this id.");
    }
}
