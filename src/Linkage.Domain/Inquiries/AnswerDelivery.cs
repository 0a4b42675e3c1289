using Linkage.Domain.Answers;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;

namespace Linkage.Domain.Inquiries;

/// <summary>
/// The later answer to one of our held inquiries, relayed by the hub: it must answer a permit the hub signed for an
/// inquiry of ours that is still waiting, and open with that inquiry's key. It is recorded, then kept for pick-up.
/// </summary>
public sealed class AnswerDelivery(
    InstitutionScope scope, IPermitVerifier verifier, IPendingInquiryStore pending, IAnswerOpener opener,
    IRecordWriter records, TimeProvider clock)
{
    // Deliveries of one inquiry one at a time: the hub retries, and two overlapping copies must not both be recorded.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _delivering = new(StringComparer.Ordinal);

    /// <returns>The inquiry id from the verified permit, and false when this answer had already been delivered.</returns>
    public async Task<(string InquiryId, bool Delivered)> DeliverAsync(SignedPermitData? signedPermit, ProvisionOutcome outcome, string reason,
        SealedAnswer? answer, CancellationToken ct)
    {
        var permit = verifier.Verify(signedPermit);
        if (!_delivering.TryAdd(permit.InquiryId, 0)) return (permit.InquiryId, false);
        try
        {
            return (permit.InquiryId, await DeliverAsync(permit, outcome, reason, answer, ct));
        }
        finally
        {
            _delivering.TryRemove(permit.InquiryId, out _);
        }
    }

    private async Task<bool> DeliverAsync(PermitClaims permit, ProvisionOutcome outcome, string reason, SealedAnswer? answer, CancellationToken ct)
    {
        if (permit.Inquirer != scope.Code)
            throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.PermitWrongAudience, "The answered permit names another inquirer.");
        var state = await pending.FindAsync(permit.InquiryId, ct) ?? throw new DomainException(ErrorKind.NotFound,
            ErrorReasons.InquiryNotFound, "No held inquiry of ours has this id.");
        var inquiry = state.Inquiry;
        if (inquiry.PermitId != permit.PermitId || inquiry.Provider != permit.Provider)
            throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.PermitMismatch, "The answer is for another permit or provider.");
        if (state.Outcome != ProvisionOutcome.Held) return false;
        if (outcome == ProvisionOutcome.Held)
            throw DomainException.InvalidField("answer.outcome", ErrorReasons.InvalidArgument, "A delivered answer is provided or not provided.");
        if (outcome == ProvisionOutcome.Provided)
        {
            if (answer is null)
                throw DomainException.InvalidField("answer.payload", ErrorReasons.MissingField, "A provided answer carries its payload.");
            inquiry.Open(opener, answer); // refuses what was altered on the way
        }

        // Recorded before it is kept: after a crash in between, the resent delivery is recorded twice rather than never.
        await records.AppendAsync(ProvisionRecordEntry.Outgoing(clock.GetUtcNow(), scope.Code, inquiry.Exchange, inquiry.PermitId,
            outcome, reason), null, ct);
        return await pending.CompleteAsync(inquiry.InquiryId, outcome, reason, outcome == ProvisionOutcome.Provided ? answer : null, ct);
    }
}
