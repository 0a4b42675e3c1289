using Linkage.Domain.Answers;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;

namespace Linkage.Domain.Review;

/// <summary>
/// Releases a held answer once staff approve it: the answer is built from the copy as it is at approval time, sealed
/// with the key fixed when it was held, recorded, and relayed. (The review workflow with its RPCs, decline
/// reasons and deadline escalation builds on this.)
/// </summary>
public sealed class HeldAnswerRelease(
    InstitutionScope scope,
    IPermitVerifier verifier,
    IHeldResponseStore held,
    ICopyStore copies,
    IAnswerSealer sealer,
    IAnswerRelay relay,
    IRecordWriter records,
    TimeProvider clock)
{
    public async Task ApproveAsync(string permitId, CancellationToken ct)
    {
        var response = await held.FindUndecidedAsync(permitId, ct) ?? throw new DomainException(ErrorKind.NotFound,
            ErrorReasons.HeldResponseNotFound, "No undecided held response has this permit id.");
        var permit = verifier.Verify(response.Permit);
        var now = clock.GetUtcNow();
        var current = await copies.ReadCurrentAsync(response.Person, response.InformationName, JapanDate.Of(now), ct);
        var (outcome, reason, answer) = current.Count == 0
            ? (ProvisionOutcome.NotProvided, ErrorReasons.NoData, null)
            : (ProvisionOutcome.Provided, "", sealer.Seal(permit, current, response.AnswerKey));

        if (!await held.DecideAsync(permitId, outcome, reason, now, ct))
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.HeldResponseNotFound, "This held response was decided already.");
        await records.AppendAsync(ProvisionRecordEntry.Decision(now, scope.Code, permit, outcome, reason, response.Person), null, ct);
        await relay.RelayAsync(response.Permit, permit.PermitId, permit.InquiryId, outcome, reason, answer, ct);
    }
}
