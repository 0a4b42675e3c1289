using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Records;
using Linkage.Domain.Review;
using Linkage.Domain.Staff;

namespace Linkage.Domain.Tests;

/// <summary>
/// An answer over the cap is judged after sealing and before its record: recorded and answered as not provided,
/// ANSWER_TOO_LARGE, with no answer attached, never recorded as provided, both at once and after a review.
/// </summary>
public sealed class AnswerSizeCapTests
{
    private static int SealedLength => FakeSealer.Names([Seed.Copy()]).Length;

    [Fact]
    public async Task An_answer_over_the_cap_is_recorded_and_answered_as_not_provided_too_large()
    {
        var provider = new ProvisionScenario { AnswerCap = new AnswerSizeCap(SealedLength - 1) };

        var result = await provider.ProvideAsync(Seed.Permit());

        Assert.Equal((ProvisionOutcome.NotProvided, ErrorReasons.AnswerTooLarge, true), (result.Outcome, result.Reason, result.Answer is null));
        var (entry, accepted) = Assert.Single(provider.Records.Attempts);
        Assert.Equal((ProvisionOutcome.NotProvided, ErrorReasons.AnswerTooLarge), (entry.Outcome, entry.Reason));
        Assert.NotNull(accepted); // an answer left: the permit is used, as for no data
        Assert.DoesNotContain(provider.Records.Entries, e => e.Outcome == ProvisionOutcome.Provided);
    }

    [Fact]
    public async Task An_answer_at_the_cap_is_provided()
    {
        var provider = new ProvisionScenario { AnswerCap = new AnswerSizeCap(SealedLength) };

        var result = await provider.ProvideAsync(Seed.Permit());

        Assert.Equal(ProvisionOutcome.Provided, result.Outcome);
        Assert.Equal(ProvisionOutcome.Provided, Assert.Single(provider.Records.Entries).Outcome);
    }

    [Fact]
    public async Task An_approved_answer_over_the_cap_goes_out_and_is_recorded_as_not_provided_too_large()
    {
        var held = new InMemoryHeldResponseStore();
        var records = new RecordingRecordWriter { Held = held };
        var key = new HeldAnswerKey([1, 2, 3], [4, 5, 6]);
        held.Apply(new HeldCreated(new HeldResponse(Seed.PermitId, Seed.InquiryId, Seed.SignedPermit(), Seed.Person,
            InformationNameCode.Parse(Seed.Osteoporosis), "SUPPORT_MEASURE", Seed.Now, Seed.Now.AddDays(3), key, false)));
        var review = new HeldReview(new InstitutionScope(InstitutionCode.Parse(Seed.Hitachinaka)), new FakeVerifier(Seed.Permit()), held,
            new FakeCopyStore(Seed.Copy()), new FakeSealer(), records, new NoSignal(), new FixedClock(Seed.Now.AddDays(1)),
            new AnswerSizeCap(SealedLength - 1));
        var reviewer = new Caller(CallerKind.Staff, "staff-1", Seed.Hitachinaka, new HashSet<string> { Roles.Reviewer }, new HashSet<string>(), "AA", "s");

        Assert.Equal(HeldState.Approved, await review.ApproveAsync(reviewer, Seed.PermitId, "ok", CancellationToken.None));

        var entry = Assert.Single(records.Entries);
        Assert.Equal((RecordDirection.Incoming, ProvisionOutcome.NotProvided, ErrorReasons.AnswerTooLarge), (entry.Direction, entry.Outcome, entry.Reason));
        var answer = Assert.Single(held.Outbox);
        Assert.Equal((ProvisionOutcome.NotProvided, ErrorReasons.AnswerTooLarge, true), (answer.Outcome, answer.Reason, answer.Answer is null));
    }

    private sealed class NoSignal : IOutboxSignal
    {
        public void Wake() { }
    }
}
