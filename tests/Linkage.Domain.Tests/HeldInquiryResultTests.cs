using Linkage.Domain.Answers;
using Linkage.Domain.Errors;
using Linkage.Domain.Inquiries;

namespace Linkage.Domain.Tests;

/// <summary>
/// The back office picks up a held inquiry's result by its id: still held, or the delivered answer opened with the
/// inquiry's own answer key; handing out an answer counts as its pick-up, asking about a held one does not.
/// </summary>
public sealed class HeldInquiryResultTests
{
    private readonly InquiryScenario _inquirer = new();
    private readonly PendingInquiry _inquiry = InquiryScenario.HeldInquiry();
    private static readonly SealedAnswer Answer = new(new byte[32], new byte[12], [7, 7, 7]);

    private Task<InquiryResult> ResultAsync(string? inquiryId = Seed.InquiryId) =>
        _inquirer.Handler().GetResultAsync(inquiryId, CancellationToken.None);

    [Fact]
    public async Task A_still_held_inquiry_reports_held_and_is_not_picked_up()
    {
        _inquirer.Pending.Put(new InquiryState(_inquiry, ProvisionOutcome.Held, "DV_SUPPORT", null, false));

        var result = await ResultAsync();

        Assert.Equal(Seed.InquiryId, result.InquiryId);
        Assert.Equal(ProvisionOutcome.Held, result.Outcome);
        Assert.Equal("DV_SUPPORT", result.Reason);
        Assert.Empty(result.Records);
        Assert.Empty(_inquirer.Opener.Calls);
        Assert.Empty(_inquirer.Pending.PickedUp);
    }

    [Fact]
    public async Task A_provided_answer_is_opened_with_the_inquirys_answer_key_and_picked_up()
    {
        _inquirer.Pending.Put(new InquiryState(_inquiry, ProvisionOutcome.Provided, "", Answer, false));

        var result = await ResultAsync();

        Assert.Equal(Seed.InquiryId, result.InquiryId);
        Assert.Equal(ProvisionOutcome.Provided, result.Outcome);
        Assert.Same(FakeOpener.Opened, result.Records);
        var (key, permitId, inquiryId, answer) = Assert.Single(_inquirer.Opener.Calls);
        Assert.Same(_inquiry.AnswerKey, key);
        Assert.Equal(Seed.PermitId, permitId);
        Assert.Equal(Seed.InquiryId, inquiryId);
        Assert.Same(Answer, answer);
        Assert.Equal([Seed.InquiryId], _inquirer.Pending.PickedUp);
    }

    [Fact]
    public async Task A_refused_answer_has_no_records_and_is_picked_up()
    {
        _inquirer.Pending.Put(new InquiryState(_inquiry, ProvisionOutcome.NotProvided, "DECLINED", null, false));

        var result = await ResultAsync();

        Assert.Equal(ProvisionOutcome.NotProvided, result.Outcome);
        Assert.Equal("DECLINED", result.Reason);
        Assert.Empty(result.Records);
        Assert.Empty(_inquirer.Opener.Calls);
        Assert.Equal([Seed.InquiryId], _inquirer.Pending.PickedUp);
    }

    [Fact]
    public async Task An_unknown_inquiry_id_is_not_found()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => ResultAsync("ffffffffffffffffffffffffffffffff"));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(ErrorReasons.InquiryNotFound, error.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("an inquiry id of sixty-five characters, one more than the limit a")]
    public async Task A_missing_or_overlong_inquiry_id_is_refused_naming_the_field(string? inquiryId)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => ResultAsync(inquiryId));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(ErrorReasons.MissingField, error.Reason);
        Assert.Equal("inquiry_id", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public async Task An_inquiry_id_of_exactly_64_characters_is_looked_up()
    {
        var longId = new string('a', 64);
        _inquirer.Pending.Put(new InquiryState(InquiryScenario.HeldInquiry(longId), ProvisionOutcome.Held, "", null, false));

        Assert.Equal(longId, (await ResultAsync(longId)).InquiryId);
    }

    [Fact]
    public async Task Ready_results_are_those_answered_and_not_yet_picked_up_oldest_first_up_to_the_maximum()
    {
        var older = InquiryScenario.HeldInquiry("older") with { CreatedAt = Seed.Now.AddDays(-3) };
        var newer = InquiryScenario.HeldInquiry("newer") with { CreatedAt = Seed.Now.AddDays(-1) };
        _inquirer.Pending.Put(new InquiryState(newer, ProvisionOutcome.Provided, "", Answer, false));
        _inquirer.Pending.Put(new InquiryState(older, ProvisionOutcome.NotProvided, "DECLINED", null, false));
        _inquirer.Pending.Put(new InquiryState(InquiryScenario.HeldInquiry("held"), ProvisionOutcome.Held, "", null, false));

        var ready = await _inquirer.Handler().ListReadyAsync(1, CancellationToken.None);

        Assert.Equal(["older"], ready.Select(s => s.Inquiry.InquiryId));
    }
}
