using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Review;
using Linkage.Domain.Staff;

namespace Linkage.Domain.Tests;

/// <summary>
/// A reviewer's decision: approval builds the answer from the copy as it is at approval time and seals it with the key
/// fixed when it was held; the decision, its record and the outgoing answer are one append; a decision is taken once;
/// two-person approval needs two different reviewers, and a decline by either ends it.
/// </summary>
public sealed class HeldReviewTests
{
    private static readonly DateTimeOffset ApprovedAt = Seed.Now.AddDays(2);

    private readonly FakeSealer _sealer = new();
    private readonly InMemoryHeldResponseStore _held = new();
    private readonly FakeCopyStore _copies = new(Seed.Copy(version: 2)); // corrected since it was held
    private readonly RecordingRecordWriter _records;
    private readonly SignedPermitData _signedPermit = Seed.SignedPermit();
    private readonly HeldAnswerKey _key = new([1, 2, 3], [4, 5, 6]);
    private int _wakes;

    public HeldReviewTests() => _records = new RecordingRecordWriter { Held = _held };

    private void Hold(bool twoPerson) => _held.Apply(new HeldCreated(new HeldResponse(Seed.PermitId, Seed.InquiryId, _signedPermit,
        Seed.Person, InformationNameCode.Parse(Seed.Osteoporosis), "SUPPORT_MEASURE", Seed.Now, Seed.Now.AddDays(3), _key, twoPerson)));

    private sealed class Signal(Action wake) : IOutboxSignal
    {
        public void Wake() => wake();
    }

    private HeldReview Review() => new(new InstitutionScope(InstitutionCode.Parse(Seed.Hitachinaka)), new FakeVerifier(Seed.Permit()),
        _held, _copies, _sealer, _records, new Signal(() => _wakes++), new FixedClock(ApprovedAt));

    private static Caller Reviewer(string id = "staff-1", params string[] names) => new(CallerKind.Staff, id, Seed.Hitachinaka,
        new HashSet<string> { Roles.Reviewer }, names.ToHashSet(), "AA", "session");

    [Fact]
    public async Task An_approved_answer_is_built_from_todays_copy_with_its_held_key_and_lands_with_its_record_in_the_outbox()
    {
        Hold(twoPerson: false);
        Assert.Equal(HeldState.Approved, await Review().ApproveAsync(Reviewer(), Seed.PermitId, "ok", CancellationToken.None));

        Assert.Same(_key, Assert.Single(_sealer.Seals).Key);
        var (entry, accepted) = Assert.Single(_records.Attempts);
        Assert.Equal((RecordDirection.Incoming, ProvisionOutcome.Provided, Seed.PermitId, ApprovedAt), (entry.Direction, entry.Outcome, entry.PermitId, entry.RecordedAt));
        Assert.Null(accepted);
        var answer = Assert.Single(_held.Outbox);
        Assert.Equal((Seed.PermitId, Seed.InquiryId, ProvisionOutcome.Provided), (answer.PermitId, answer.InquiryId, answer.Outcome));
        Assert.Same(_signedPermit, answer.Permit);
        Assert.Equal(FakeSealer.Names([Seed.Copy(version: 2)]), answer.Answer!.Ciphertext);
        Assert.Equal((HeldState.Approved, true), (_held.Saved.Single().State, _held.Saved.Single().AnswerKey is null));
        Assert.Equal(("staff-1", ReviewEntry.Approve, "ok"), (_held.History[0].StaffId, _held.History[0].Decision, _held.History[0].Reason));
        Assert.Equal(1, _wakes);
    }

    [Fact]
    public async Task Approved_without_data_it_goes_out_as_not_provided_no_data()
    {
        Hold(twoPerson: false);
        _copies.Stored.Clear();
        await Review().ApproveAsync(Reviewer(), Seed.PermitId, "", CancellationToken.None);
        var answer = Assert.Single(_held.Outbox);
        Assert.Equal((ProvisionOutcome.NotProvided, ErrorReasons.NoData, true), (answer.Outcome, answer.Reason, answer.Answer is null));
    }

    [Theory]
    [InlineData(DeclineReason.SupportMeasure, "", "DECLINED_SUPPORT_MEASURE")]
    [InlineData(DeclineReason.NoData, "", "NO_DATA")]
    [InlineData(DeclineReason.Other, "本人の申出", "DECLINED")]
    public async Task A_declined_answer_goes_out_as_not_provided_with_the_reason_code_and_the_text_stays_here(DeclineReason reason, string text, string code)
    {
        Hold(twoPerson: false);
        await Review().DeclineAsync(Reviewer(), Seed.PermitId, reason, text, CancellationToken.None);
        var answer = Assert.Single(_held.Outbox);
        Assert.Equal((ProvisionOutcome.NotProvided, code, true), (answer.Outcome, answer.Reason, answer.Answer is null));
        Assert.Equal(HeldState.Declined, _held.Saved.Single().State);
        Assert.Equal(text.Length == 0 ? code : $"{code}: {text}", _held.History.Single().Reason);
        Assert.Empty(_sealer.Seals);
    }

    [Fact]
    public async Task A_decline_without_a_reason_or_another_reason_without_text_changes_nothing()
    {
        Hold(twoPerson: false);
        var none = await Assert.ThrowsAsync<DomainException>(() => Review().DeclineAsync(Reviewer(), Seed.PermitId, null, "", CancellationToken.None));
        var bare = await Assert.ThrowsAsync<DomainException>(() => Review().DeclineAsync(Reviewer(), Seed.PermitId, DeclineReason.Other, " ", CancellationToken.None));
        Assert.Equal(("reason", "text"), (none.Violations.Single().Field, bare.Violations.Single().Field));
        Assert.Empty(_records.Attempts);
        Assert.Equal(HeldState.Waiting, _held.Saved.Single().State);
    }

    [Fact]
    public async Task A_decision_is_taken_once_and_an_unknown_id_is_not_found()
    {
        Hold(twoPerson: false);
        await Review().ApproveAsync(Reviewer(), Seed.PermitId, "", CancellationToken.None);
        var twice = await Assert.ThrowsAsync<DomainException>(() => Review().ApproveAsync(Reviewer("staff-2"), Seed.PermitId, "", CancellationToken.None));
        var declineAfter = await Assert.ThrowsAsync<DomainException>(() =>
            Review().DeclineAsync(Reviewer(), Seed.PermitId, DeclineReason.NoData, "", CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => Review().ApproveAsync(Reviewer(), "no-such", "", CancellationToken.None));
        Assert.Equal([ErrorReasons.HeldAlreadyDecided, ErrorReasons.HeldAlreadyDecided, ErrorReasons.HeldResponseNotFound],
            new[] { twice.Reason, declineAfter.Reason, unknown.Reason });
        Assert.Single(_held.Outbox);
    }

    [Fact]
    public async Task A_decision_that_loses_to_another_in_the_writer_is_refused_and_sends_nothing()
    {
        Hold(twoPerson: false);
        // Another reviewer's decline lands while this approval reads the copy: the writer's check stops the approval.
        _copies.Failure = () =>
        {
            _copies.Failure = null;
            _held.Apply(new HeldDecided(Seed.PermitId, HeldState.Waiting, HeldState.Declined,
                new ReviewEntry(Seed.PermitId, "staff-9", ReviewEntry.Decline, "DECLINED", Seed.Now), null));
            return new OperationCanceledException("not an error: the fake only lets the other decision in first");
        };
        await Assert.ThrowsAsync<OperationCanceledException>(() => Review().ApproveAsync(Reviewer(), Seed.PermitId, "", CancellationToken.None));
        var refused = await Assert.ThrowsAsync<DomainException>(() => Review().ApproveAsync(Reviewer(), Seed.PermitId, "", CancellationToken.None));
        Assert.Equal(ErrorReasons.HeldAlreadyDecided, refused.Reason);
        Assert.Empty(_held.Outbox);
        Assert.Equal(HeldState.Declined, _held.Saved.Single().State);
    }

    [Fact]
    public async Task Two_person_approval_needs_a_second_reviewer_never_the_same_and_a_decline_by_either_ends_it()
    {
        Hold(twoPerson: true);
        Assert.Equal(HeldState.FirstApproval, await Review().ApproveAsync(Reviewer("staff-1"), Seed.PermitId, "", CancellationToken.None));
        Assert.Empty(_records.Attempts); // not yet a decision: no record, nothing to send

        var same = await Assert.ThrowsAsync<DomainException>(() => Review().ApproveAsync(Reviewer("staff-1"), Seed.PermitId, "", CancellationToken.None));
        Assert.Equal(ErrorReasons.SameReviewer, same.Reason);
        Assert.Equal(HeldState.Approved, await Review().ApproveAsync(Reviewer("staff-2"), Seed.PermitId, "", CancellationToken.None));
        Assert.Single(_held.Outbox);
        Assert.Equal([ReviewEntry.FirstApproval, ReviewEntry.Approve], _held.History.Select(h => h.Decision));
    }

    [Fact]
    public async Task In_two_person_approval_a_decline_after_the_first_approval_ends_it()
    {
        Hold(twoPerson: true);
        await Review().ApproveAsync(Reviewer("staff-1"), Seed.PermitId, "", CancellationToken.None);
        await Review().DeclineAsync(Reviewer("staff-2"), Seed.PermitId, DeclineReason.SupportMeasure, "", CancellationToken.None);
        Assert.Equal(HeldState.Declined, _held.Saved.Single().State);
        Assert.Equal(ProvisionOutcome.NotProvided, Assert.Single(_held.Outbox).Outcome);
    }

    [Fact]
    public async Task A_reviewer_restricted_to_another_information_name_may_not_see_or_decide()
    {
        Hold(twoPerson: false);
        var restricted = Reviewer("staff-1", Seed.Cancer);
        var refused = await Assert.ThrowsAsync<DomainException>(() => Review().GetAsync(restricted, Seed.PermitId, CancellationToken.None));
        Assert.Equal((ErrorKind.PermissionDenied, ErrorReasons.InformationNameNotAllowed), (refused.Kind, refused.Reason));
        await Assert.ThrowsAsync<DomainException>(() => Review().ApproveAsync(restricted, Seed.PermitId, "", CancellationToken.None));
        Assert.Empty(_records.Attempts);
    }

    [Fact]
    public async Task An_administrator_extends_an_undecided_deadline_with_a_reason_into_the_future_only()
    {
        Hold(twoPerson: false);
        var until = ApprovedAt.AddDays(5);
        Assert.Equal(until, await Review().ExtendDeadlineAsync(Reviewer("admin-1"), Seed.PermitId, until, "調査中", CancellationToken.None));
        Assert.Equal(until, _held.Saved.Single().Deadline);
        Assert.Equal("reason", (await Assert.ThrowsAsync<DomainException>(() =>
            Review().ExtendDeadlineAsync(Reviewer("admin-1"), Seed.PermitId, until, " ", CancellationToken.None))).Violations.Single().Field);
        Assert.Equal("deadline", (await Assert.ThrowsAsync<DomainException>(() =>
            Review().ExtendDeadlineAsync(Reviewer("admin-1"), Seed.PermitId, ApprovedAt, "x", CancellationToken.None))).Violations.Single().Field);
    }

    [Fact]
    public async Task A_preview_shows_todays_copies_while_undecided_and_nothing_once_decided()
    {
        Hold(twoPerson: false);
        Assert.Equal(2, Assert.Single(await Review().PreviewAsync(Reviewer(), Seed.PermitId, CancellationToken.None)).Version);
        await Review().DeclineAsync(Reviewer(), Seed.PermitId, DeclineReason.NoData, "", CancellationToken.None);
        Assert.Equal(ErrorReasons.HeldAlreadyDecided, (await Assert.ThrowsAsync<DomainException>(() =>
            Review().PreviewAsync(Reviewer(), Seed.PermitId, CancellationToken.None))).Reason);
    }

    [Fact]
    public async Task A_decided_or_unknown_item_has_no_deadline_to_extend()
    {
        Hold(twoPerson: false);
        await Review().ApproveAsync(Reviewer(), Seed.PermitId, "", CancellationToken.None);
        Assert.Equal(ErrorReasons.HeldAlreadyDecided, (await Assert.ThrowsAsync<DomainException>(() =>
            Review().ExtendDeadlineAsync(Reviewer("admin-1"), Seed.PermitId, ApprovedAt.AddDays(1), "x", CancellationToken.None))).Reason);
        Assert.Equal(ErrorReasons.HeldResponseNotFound, (await Assert.ThrowsAsync<DomainException>(() =>
            Review().ExtendDeadlineAsync(Reviewer("admin-1"), "no-such", ApprovedAt.AddDays(1), "x", CancellationToken.None))).Reason);
        Assert.Equal(Seed.Now.AddDays(3), _held.Saved.Single().Deadline);
    }

    [Theory]
    [InlineData(Seed.Osteoporosis, "COURT_ORDER", true)]
    [InlineData(Seed.Cancer, "SUPPORT_MEASURE", true)]
    [InlineData(Seed.Cancer, "COURT_ORDER", false)]
    public void Two_reviewers_are_needed_for_a_configured_information_name_or_hold_reason(string name, string reason, bool two)
    {
        var settings = ReviewSettings.Default with
        {
            TwoPersonInformationNames = new HashSet<string> { Seed.Osteoporosis },
            TwoPersonHoldReasons = new HashSet<string> { "SUPPORT_MEASURE" },
            Windows = new Dictionary<string, TimeSpan> { [Seed.Cancer] = TimeSpan.FromHours(4) },
        };
        Assert.Equal(two, settings.NeedsTwoReviewers(InformationNameCode.Parse(name), reason));
        Assert.Equal(Seed.Now + (name == Seed.Cancer ? TimeSpan.FromHours(4) : TimeSpan.FromDays(3)),
            settings.DeadlineFrom(Seed.Now, InformationNameCode.Parse(name)));
    }
}
