using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Tests;

/// <summary>
/// A later answer is accepted only for a permit the hub issued to us, for an inquiry of ours still waiting, from the
/// same permit and provider, as provided-with-payload or not provided, and only when it opens; anything else is refused
/// and neither recorded nor kept.
/// </summary>
public sealed class AnswerDeliveryRefusalTests
{
    private static readonly SealedAnswer Answer = new(new byte[32], new byte[12], [7, 7, 7]);

    private readonly InquiryScenario _inquirer = new();

    public AnswerDeliveryRefusalTests() =>
        _inquirer.Pending.Put(new InquiryState(InquiryScenario.HeldInquiry(), ProvisionOutcome.Held, "", null, false));

    private async Task<DomainException> RefusedAsync(PermitClaims answered, ProvisionOutcome outcome = ProvisionOutcome.Provided,
        SealedAnswer? answer = null)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => _inquirer.Delivery(answered)
            .DeliverAsync(Seed.SignedPermit(), outcome, "", answer ?? Answer, CancellationToken.None));
        Assert.Empty(_inquirer.Records.Attempts);
        Assert.Empty(_inquirer.Pending.Completions);
        return error;
    }

    [Fact]
    public async Task An_answer_to_a_permit_issued_to_another_inquirer_is_refused_as_the_wrong_audience()
    {
        var error = await RefusedAsync(Seed.Permit() with { Inquirer = InstitutionCode.Parse(Seed.Kyokai) });

        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal(ErrorReasons.PermitWrongAudience, error.Reason);
    }

    [Fact]
    public async Task An_answer_to_an_inquiry_we_do_not_hold_is_not_found()
    {
        var error = await RefusedAsync(Seed.Permit() with { InquiryId = "ffffffffffffffffffffffffffffffff" });

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(ErrorReasons.InquiryNotFound, error.Reason);
    }

    [Fact]
    public async Task An_answer_under_another_permit_for_our_inquiry_is_refused_as_a_mismatch()
    {
        var error = await RefusedAsync(Seed.Permit() with { PermitId = "00000000000000000000000000000001" });

        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal(ErrorReasons.PermitMismatch, error.Reason);
    }

    [Fact]
    public async Task An_answer_from_another_provider_for_our_inquiry_is_refused_as_a_mismatch()
    {
        var error = await RefusedAsync(Seed.Permit() with { Provider = InstitutionCode.Parse(Seed.Kyokai) });

        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal(ErrorReasons.PermitMismatch, error.Reason);
    }

    [Fact]
    public async Task A_delivered_answer_that_says_held_again_is_refused()
    {
        var error = await RefusedAsync(Seed.Permit(), ProvisionOutcome.Held);

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(ErrorReasons.InvalidArgument, error.Reason);
        Assert.Equal("answer.outcome", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public async Task A_provided_answer_without_its_payload_is_refused()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => _inquirer.Delivery(Seed.Permit())
            .DeliverAsync(Seed.SignedPermit(), ProvisionOutcome.Provided, "", null, CancellationToken.None));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(ErrorReasons.MissingField, error.Reason);
        Assert.Equal("answer.payload", Assert.Single(error.Violations).Field);
        Assert.Empty(_inquirer.Records.Attempts);
        Assert.Empty(_inquirer.Pending.Completions);
    }

    [Fact]
    public async Task A_provided_answer_altered_on_the_way_is_refused_by_its_key()
    {
        var error = await RefusedAsync(Seed.Permit(), answer: new SealedAnswer(new byte[32], new byte[12], FakeOpener.Altered));

        Assert.Equal(ErrorReasons.AnswerUndecryptable, error.Reason);
        Assert.Single(_inquirer.Opener.Calls);
    }
}
