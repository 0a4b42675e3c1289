using Linkage.Domain.Answers;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Staff;

namespace Linkage.Domain.Review;

/// <summary>
/// A reviewer's decisions on held responses. Approval builds the answer from the copy current at approval time and
/// seals it with the key fixed when it was held; a decision, its provision record and the outgoing answer are written in
/// one transaction (<see cref="HeldDecided"/>), and the outbox delivers the answer until the hub acknowledges it.
/// Two-person approval: the first approval waits for a second reviewer, never the same one; a decline by either ends it.
/// </summary>
public sealed class HeldReview(
    InstitutionScope scope,
    IPermitVerifier verifier,
    IHeldResponseStore held,
    ICopyStore copies,
    IAnswerSealer sealer,
    IRecordWriter records,
    IOutboxSignal outbox,
    TimeProvider clock,
    AnswerSizeCap? answerCap = null)
{
    private readonly AnswerSizeCap _answerCap = answerCap ?? AnswerSizeCap.Default;

    /// <summary>The held response, if this reviewer may act on its information name.</summary>
    public async Task<HeldResponse> GetAsync(Caller reviewer, string permitId, CancellationToken ct)
    {
        var response = await held.FindAsync(permitId, ct) ?? throw new DomainException(ErrorKind.NotFound,
            ErrorReasons.HeldResponseNotFound, "There is no held response with this id.");
        if (!reviewer.MayActOn(response.InformationName))
            throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.InformationNameNotAllowed,
                "This reviewer may not act on this information name.");
        return response;
    }

    /// <summary>What approval would send now: the current copies (empty: not provided, no data).</summary>
    public async Task<IReadOnlyList<ProvisionCopy>> PreviewAsync(Caller reviewer, string permitId, CancellationToken ct)
    {
        var response = await UndecidedAsync(reviewer, permitId, ct);
        return await copies.ReadCurrentAsync(response.Person, response.InformationName, JapanDate.Of(clock.GetUtcNow()), ct);
    }

    public async Task<HeldState> ApproveAsync(Caller reviewer, string permitId, string comment, CancellationToken ct)
    {
        var response = await UndecidedAsync(reviewer, permitId, ct);
        var now = clock.GetUtcNow();
        if (response.TwoPerson && response.State == HeldState.Waiting)
        {
            if (!await held.RecordFirstApprovalAsync(new ReviewEntry(permitId, reviewer.Id, ReviewEntry.FirstApproval, comment, now), ct))
                throw DecidedFirst();
            return HeldState.FirstApproval;
        }
        if (response.TwoPerson && response.FirstApprovedBy == reviewer.Id)
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.SameReviewer,
                "The second approval must come from another reviewer.");

        var permit = verifier.Verify(response.Permit);
        var current = await copies.ReadCurrentAsync(response.Person, response.InformationName, JapanDate.Of(now), ct);
        var (outcome, reason, answer) = current.Count == 0
            ? (ProvisionOutcome.NotProvided, ErrorReasons.NoData, null)
            : _answerCap.Judge(sealer.Seal(permit, current, response.AnswerKey!));
        await DecideAsync(response, permit, HeldState.Approved, outcome, reason, answer,
            new ReviewEntry(permitId, reviewer.Id, ReviewEntry.Approve, comment, now), ct);
        return HeldState.Approved;
    }

    public async Task DeclineAsync(Caller reviewer, string permitId, DeclineReason? reason, string text, CancellationToken ct)
    {
        if (reason is null)
            throw DomainException.InvalidField("reason", ErrorReasons.MissingField, "A decline needs a reason from the list.");
        if (reason == DeclineReason.Other && string.IsNullOrWhiteSpace(text))
            throw DomainException.InvalidField("text", ErrorReasons.MissingField, "A decline for another reason needs its text.");
        var response = await UndecidedAsync(reviewer, permitId, ct);
        var permit = verifier.Verify(response.Permit);
        var code = DeclineReasons.Code(reason.Value);
        await DecideAsync(response, permit, HeldState.Declined, ProvisionOutcome.NotProvided, code, null,
            new ReviewEntry(permitId, reviewer.Id, ReviewEntry.Decline, string.IsNullOrWhiteSpace(text) ? code : $"{code}: {text.Trim()}",
                clock.GetUtcNow()), ct);
    }

    /// <summary>An administrator moves the deadline of an undecided response, with a reason.</summary>
    public async Task<DateTimeOffset> ExtendDeadlineAsync(Caller administrator, string permitId, DateTimeOffset deadline, string reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw DomainException.InvalidField("reason", ErrorReasons.MissingField, "Extending a deadline needs a reason.");
        var now = clock.GetUtcNow();
        if (deadline <= now)
            throw DomainException.InvalidField("deadline", ErrorReasons.InvalidArgument, "The new deadline must lie in the future.");
        await UndecidedAsync(administrator, permitId, ct);
        if (!await held.ExtendDeadlineAsync(new ReviewEntry(permitId, administrator.Id, ReviewEntry.Extend, reason.Trim(), now), deadline, ct))
            throw DecidedFirst();
        return deadline;
    }

    private async Task DecideAsync(HeldResponse response, PermitClaims permit, HeldState to, ProvisionOutcome outcome, string reason,
        SealedAnswer? answer, ReviewEntry step, CancellationToken ct)
    {
        var outgoing = new OutgoingAnswer(response.PermitId, response.InquiryId, response.Permit, outcome, reason, answer);
        await records.AppendAsync(ProvisionRecordEntry.Decision(step.At, scope.Code, permit, outcome, reason, response.Person), null, ct,
            new HeldDecided(response.PermitId, response.State, to, step, outgoing));
        outbox.Wake();
    }

    private async Task<HeldResponse> UndecidedAsync(Caller reviewer, string permitId, CancellationToken ct)
    {
        var response = await GetAsync(reviewer, permitId, ct);
        return response.IsDecided ? throw DecidedFirst() : response;
    }

    private static DomainException DecidedFirst() =>
        new(ErrorKind.FailedPrecondition, ErrorReasons.HeldAlreadyDecided, "This held response has been decided already.");
}
