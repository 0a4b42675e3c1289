using Linkage.Domain.Answers;
using Linkage.Domain.Errors;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Records;

namespace Linkage.Domain.Tests;

/// <summary>
/// A later answer to one of our held inquiries is recorded (with that inquiry's permit and fields, at the time it
/// arrived), then kept for pick-up with its payload when provided; an answer already delivered, or being delivered
/// by an overlapping copy of the hub's retry, is acknowledged without being recorded again.
/// </summary>
public sealed class AnswerDeliveryTests
{
    private static readonly SealedAnswer Answer = new(new byte[32], new byte[12], [7, 7, 7]);
    private static readonly DateTimeOffset Arrival = Seed.Now.AddDays(2);

    private readonly InquiryScenario _inquirer = new() { Now = Arrival };
    private readonly PendingInquiry _inquiry = InquiryScenario.HeldInquiry();

    public AnswerDeliveryTests() => _inquirer.Pending.Put(new InquiryState(_inquiry, ProvisionOutcome.Held, "", null, false));

    private Task<(string InquiryId, bool Delivered)> DeliverAsync(ProvisionOutcome outcome = ProvisionOutcome.Provided,
        string reason = "", SealedAnswer? answer = null, AnswerDelivery? delivery = null) =>
        (delivery ?? _inquirer.Delivery(Seed.Permit())).DeliverAsync(Seed.SignedPermit(), outcome, reason, answer ?? Answer, CancellationToken.None);

    private static ProvisionRecordEntry Outgoing(ProvisionOutcome outcome, string reason) => new(Arrival, RecordDirection.Outgoing,
        Seed.InquiryId, Seed.PermitId, Seed.Mito, Seed.Hitachinaka, Seed.Affair, Seed.Procedure, Seed.Osteoporosis,
        Seed.ListLegalBasis, outcome, reason, Seed.InquirerPerson);

    [Fact]
    public async Task A_provided_answer_that_opens_is_recorded_then_kept_with_its_payload()
    {
        var (inquiryId, delivered) = await DeliverAsync();

        Assert.Equal(Seed.InquiryId, inquiryId);
        Assert.True(delivered);
        var (key, permitId, openedInquiryId, answer) = Assert.Single(_inquirer.Opener.Calls);
        Assert.Same(_inquiry.AnswerKey, key);
        Assert.Equal((Seed.PermitId, Seed.InquiryId), (permitId, openedInquiryId));
        Assert.Same(Answer, answer);
        var (entry, accepted) = Assert.Single(_inquirer.Records.Attempts);
        Assert.Null(accepted);
        Assert.Equal(Outgoing(ProvisionOutcome.Provided, ""), entry);
        Assert.Equal((Seed.InquiryId, ProvisionOutcome.Provided, "", (SealedAnswer?)Answer), Assert.Single(_inquirer.Pending.Completions));
    }

    [Fact]
    public async Task A_declined_answer_is_recorded_with_its_reason_and_kept_without_a_payload()
    {
        var (_, delivered) = await DeliverAsync(ProvisionOutcome.NotProvided, "DECLINED", Answer);

        Assert.True(delivered);
        Assert.Empty(_inquirer.Opener.Calls);
        Assert.Equal(Outgoing(ProvisionOutcome.NotProvided, "DECLINED"), Assert.Single(_inquirer.Records.Entries));
        Assert.Equal((Seed.InquiryId, ProvisionOutcome.NotProvided, "DECLINED", null),
            Assert.Single(_inquirer.Pending.Completions));
    }

    [Fact]
    public async Task An_answer_already_delivered_is_acknowledged_as_not_delivered_and_not_recorded_again()
    {
        await DeliverAsync();

        var (inquiryId, delivered) = await DeliverAsync();

        Assert.Equal(Seed.InquiryId, inquiryId);
        Assert.False(delivered);
        Assert.Single(_inquirer.Records.Attempts);
        Assert.Single(_inquirer.Pending.Completions);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_overlapping_copy_of_a_delivery_is_acknowledged_without_being_recorded()
    {
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inquirer.Pending.BeforeFind = async _ =>
        {
            inside.TrySetResult();
            await proceed.Task;
        };
        var delivery = _inquirer.Delivery(Seed.Permit());

        var first = DeliverAsync(delivery: delivery);
        await inside.Task;
        var (inquiryId, secondDelivered) = await DeliverAsync(delivery: delivery);
        proceed.SetResult();
        var (_, firstDelivered) = await first;

        Assert.Equal(Seed.InquiryId, inquiryId);
        Assert.False(secondDelivered);
        Assert.True(firstDelivered);
        Assert.Single(_inquirer.Records.Attempts);
        Assert.Single(_inquirer.Pending.Completions);
    }

    [Fact]
    public async Task A_delivery_that_failed_does_not_hold_back_the_hubs_retry()
    {
        var delivery = _inquirer.Delivery(Seed.Permit());
        await Assert.ThrowsAsync<DomainException>(() =>
            DeliverAsync(answer: new SealedAnswer(new byte[32], new byte[12], FakeOpener.Altered), delivery: delivery));

        var (_, delivered) = await DeliverAsync(delivery: delivery);

        Assert.True(delivered);
        Assert.Single(_inquirer.Records.Attempts);
    }
}
