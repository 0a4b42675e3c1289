using Linkage.Domain.Answers;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Domain.Keys;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Review;
using Linkage.Domain.Symbols;

namespace Linkage.Domain.Provision;

/// <summary>
/// Incoming provision (情報提供): verify the permit, find the person by symbol, read the current copy, decide,
/// and record the outcome durably before the answer leaves. Refusals are recorded too, then thrown.
/// </summary>
public sealed class ProvisionHandler(
    InstitutionScope scope,
    ProvisionSettings settings,
    IPermitVerifier verifier,
    IPermittedListSource lists,
    IPermitReplayGuard replayGuard,
    ISymbolStore symbols,
    ICopyStore copies,
    IHoldPolicy holds,
    ReviewSettings review,
    IAnswerSealer sealer,
    IRecordWriter records,
    IInstitutionKeys keys,
    TimeProvider clock,
    AnswerSizeCap? answerCap = null)
{
    private readonly AnswerSizeCap _answerCap = answerCap ?? AnswerSizeCap.Default;

    public async Task<ProvisionResult> ProvideAsync(IncomingInquiry inquiry, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        PermitClaims? permit = null;
        PermittedEntry? entry = null;
        Codes.InternalAddressNumber? person = null;
        var reserved = false;
        // Once the record that uses the permit is on its way to disk, a failure may still have left it there: the
        // permit then stays used (the hub issues a new one) rather than open to a replay until the next restart.
        var mayBeUsedOnDisk = false;
        try
        {
            permit = verifier.Verify(inquiry.Permit);
            CheckHeader(inquiry, permit);
            entry = PermitRules.Check(permit, scope.Code, now, settings.MaxClockSkew, lists.RequireCurrent());
            if (!replayGuard.TryReserve(permit.PermitId, permit.ExpiresAt))
                throw new DomainException(ErrorKind.AlreadyExists, ErrorReasons.PermitReplayed, "This permit was already used.");
            reserved = true;

            // Found before deciding, so that a refusal or failure after this point is recorded for the person.
            person = await symbols.FindPersonAsync(permit.ProviderSymbol, ct);
            // Without the institution's keys neither its copies nor a held answer's key can be opened or sealed: refused
            // (and recorded) here, with the permit released, so that a node holding the keys may answer it instead.
            keys.Require();
            var result = await DecideAsync(permit, person, now, ct);
            HeldAnswerKey? heldKey = null;
            HeldCreated? held = null;
            if (result.Outcome == ProvisionOutcome.Held)
            {
                heldKey = sealer.KeyForHeld(permit);
                held = new HeldCreated(new HeldResponse(permit.PermitId, permit.InquiryId, inquiry.Permit!, result.Person!.Value,
                    permit.InformationName, result.Reason, now, review.DeadlineFrom(now, permit.InformationName), heldKey,
                    review.NeedsTwoReviewers(permit.InformationName, result.Reason), InquirerInstitution: permit.Inquirer.Value));
            }
            mayBeUsedOnDisk = true;
            // A held response lands with its record and its replay mark, or none of them does.
            await records.AppendAsync(Record(now, permit, entry, result.Outcome, result.Reason, result.Person),
                new AcceptedPermit(permit.PermitId, permit.ExpiresAt), ct, held);
            return new ProvisionResult(permit.InquiryId, permit.PermitId, result.Outcome, result.Reason, result.Answer, heldKey?.SenderPublicKey);
        }
        catch (DomainException refusal)
        {
            if (reserved && !mayBeUsedOnDisk) replayGuard.Release(permit!.PermitId);
            await records.AppendAsync(Record(now, permit, entry, ProvisionOutcome.NotProvided, refusal.Reason, person), null, ct);
            throw;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            if (reserved && !mayBeUsedOnDisk) replayGuard.Release(permit!.PermitId);
            // Every outcome is recorded, errors too; if even that fails, the caller still gets its INTERNAL.
            try { await records.AppendAsync(Record(now, permit, entry, ProvisionOutcome.NotProvided, ErrorReasons.Internal, person), null, ct); }
            catch (Exception) { /* the original failure is the one to report */ }
            throw;
        }
        catch
        {
            if (reserved && !mayBeUsedOnDisk) replayGuard.Release(permit!.PermitId);
            throw;
        }
    }

    private async Task<(ProvisionOutcome Outcome, string Reason, SealedAnswer? Answer, Codes.InternalAddressNumber? Person)> DecideAsync(
        PermitClaims permit, Codes.InternalAddressNumber? person, DateTimeOffset now, CancellationToken ct)
    {
        if (person is null)
            return (ProvisionOutcome.NotProvided, ErrorReasons.SymbolUnknown, null, null);

        var name = InformationNames.Require(permit.InformationName);
        if (!name.Providable)
            throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.InquiryNotPermitted,
                "This information name is held here but is never provided.");

        if (await holds.HoldReasonAsync(person.Value, permit.InformationName, ct) is { } holdReason)
            return (ProvisionOutcome.Held, holdReason, null, person);

        var current = await copies.ReadCurrentAsync(person.Value, permit.InformationName, JapanDate.Of(now), ct);
        if (current.Count == 0) return (ProvisionOutcome.NotProvided, ErrorReasons.NoData, null, person);
        var (outcome, reason, answer) = _answerCap.Judge(sealer.Seal(permit, current));
        return (outcome, reason, answer, person);
    }

    private static void CheckHeader(IncomingInquiry inquiry, PermitClaims permit)
    {
        if (inquiry.InquiryId != permit.InquiryId || inquiry.AffairCode != permit.Affair.Value
            || inquiry.ProcedureCode != permit.Procedure.Value || inquiry.InformationNameCode != permit.InformationName.Value)
            throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.PermitMismatch,
                "The inquiry's id, affair, procedure or information name differs from its permit.");
    }

    private ProvisionRecordEntry Record(DateTimeOffset now, PermitClaims? permit, PermittedEntry? entry,
        ProvisionOutcome outcome, string reason, Codes.InternalAddressNumber? person) =>
        ProvisionRecordEntry.Incoming(now, scope.Code, permit, entry, outcome, reason, person);
}
