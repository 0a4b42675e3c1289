using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Review;
using Linkage.Domain.Staff;
using Linkage.Gateway.Options;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;
using DeliveryState = Linkage.Domain.Review.DeliveryState;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// A decided answer reaches the inquirer's back office exactly once: through the outbox when the hub was down at the
/// decision, after a restart of the gateway, and when it is delivered twice.
/// </summary>
public sealed class HeldAnswerDeliveryTests : IAsyncLifetime
{
    private const int Resident = 4;
    private TestNetwork _network = null!;

    private sealed class HoldEverything : IHoldPolicy
    {
        public Task<string?> HoldReasonAsync(InternalAddressNumber person, InformationNameCode informationName, CancellationToken ct) =>
            Task.FromResult<string?>("SUPPORT_MEASURE");
    }

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync(hitachiServices: services =>
    {
        services.AddSingleton<IHoldPolicy, HoldEverything>();
        services.Configure<ReviewOptions>(options =>
        {
            options.DeliveryAttempts = 50;
            options.DeliveryBaseDelay = TimeSpan.FromMilliseconds(100);
            options.DeliveryMaxDelay = TimeSpan.FromSeconds(1);
            options.DeliveryPollInterval = TimeSpan.FromMilliseconds(200);
            // Two seconds to decide an osteoporosis answer, so that the escalation is seen within a test.
            options.Windows[Osteoporosis] = TimeSpan.FromSeconds(2);
            options.EscalationInterval = TimeSpan.FromSeconds(1);
        });
    });

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact(Timeout = 180_000)]
    public async Task An_answer_approved_while_the_hub_is_down_is_delivered_once_when_it_returns_and_a_repeat_changes_nothing()
    {
        var (inquiry, inquiryId, heldId) = await HeldInquiryAsync();
        await _network.StopHubAsync();
        await new Review.ReviewClient(_network.Staff(_network.Hitachi, Roles.Reviewer)).ApproveAsync(new ApproveRequest { HeldId = heldId });
        var outbox = _network.Hitachi.Services.GetRequiredService<IAnswerOutbox>();
        await WaitUntilAsync(async () => (await outbox.PendingAsync(10, CancellationToken.None)).Any(a => a.Attempts > 0));

        await _network.StartHubAsync();

        var result = await ResultAsync(inquiry, inquiryId);
        Assert.Equal(ProvisionOutcome.Provided, result.Outcome);
        await WaitUntilAsync(async () => await outbox.CountPendingAsync(CancellationToken.None) == 0);

        // The same answer sent again (a retry after a lost acknowledgement): the inquirer takes it as delivered already.
        var delivered = await DeliveredAsync(heldId);
        await _network.Hitachi.Services.GetRequiredService<IAnswerRelay>().RelayAsync(delivered.Permit, delivered.PermitId, delivered.InquiryId,
            delivered.Outcome, delivered.Reason, delivered.Answer, CancellationToken.None);
        Assert.Empty((await inquiry.ListPendingResultsAsync(new ListPendingResultsRequest())).Results);
        Assert.Equal(ProvisionOutcome.Provided, (await inquiry.GetInquiryResultAsync(new GetInquiryResultRequest { InquiryId = inquiryId })).Outcome);
        Assert.Single(await _network.RecordsAsync(_network.MitoGateway), r => r.InquiryId == inquiryId && r.Outcome == ProvisionOutcome.Provided);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_decision_whose_delivery_had_not_happened_is_delivered_after_a_restart_of_the_gateway()
    {
        var (inquiry, inquiryId, heldId) = await HeldInquiryAsync();
        await _network.StopHubAsync();
        await new Review.ReviewClient(_network.Staff(_network.Hitachi, Roles.Reviewer)).DeclineAsync(
            new DeclineRequest { HeldId = heldId, Reason = Contracts.V1.DeclineReason.SupportMeasure });

        await _network.RestartHitachiAsync();
        await _network.StartHubAsync();

        var result = await ResultAsync(inquiry, inquiryId);
        Assert.Equal((ProvisionOutcome.NotProvided, "DECLINED_SUPPORT_MEASURE"), (result.Outcome, result.NotProvidedReason));
        Assert.Equal(DeliveryState.Delivered, (await DeliveredAsync(heldId)).State);
        var shown = await new Review.ReviewClient(_network.Staff(_network.Hitachi, Roles.Reviewer)).GetHeldAsync(new GetHeldRequest { HeldId = heldId });
        Assert.Equal(Contracts.V1.DeliveryState.Delivered, shown.Summary.Delivery);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_delivery_that_keeps_failing_is_parked_shown_in_the_jobs_and_sent_again_when_an_administrator_retries()
    {
        var (inquiry, inquiryId, heldId) = await HeldInquiryAsync();
        await _network.StopHubAsync();
        var options = _network.Hitachi.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReviewOptions>>().Value;
        options.DeliveryAttempts = 1; // one attempt: no retry at all, parked at once
        await new Review.ReviewClient(_network.Staff(_network.Hitachi, Roles.Reviewer)).ApproveAsync(new ApproveRequest { HeldId = heldId });
        var admin = new Administration.AdministrationClient(_network.Staff(_network.Hitachi, Roles.Administrator));

        await WaitUntilAsync(async () => (await admin.ListJobsAsync(new ListJobsRequest())).Parked.Count == 1);
        var jobs = await admin.ListJobsAsync(new ListJobsRequest());
        Assert.Equal((heldId, 1, 0), (jobs.Parked[0].HeldId, jobs.Parked[0].Attempts, jobs.PendingDeliveries));
        Assert.Contains(jobs.Jobs, j => j.Name == "answer-outbox");
        var notParked = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() =>
            admin.RetryDeliveryAsync(new RetryDeliveryRequest { HeldId = "no-such" }).ResponseAsync);
        Assert.Equal("DELIVERY_NOT_PARKED", notParked.Reason());

        await _network.StartHubAsync();
        options.DeliveryAttempts = 50;
        await admin.RetryDeliveryAsync(new RetryDeliveryRequest { HeldId = heldId });

        Assert.Equal(ProvisionOutcome.Provided, (await ResultAsync(inquiry, inquiryId)).Outcome);
        Assert.Empty((await admin.ListJobsAsync(new ListJobsRequest())).Parked);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_undecided_answer_past_its_deadline_is_escalated_listed_first_counted_signalled_and_never_sent_until_decided()
    {
        var (inquiry, _, heldId) = await HeldInquiryAsync();
        var admin = new Administration.AdministrationClient(_network.Staff(_network.Hitachi, Roles.Administrator));
        var review = new Review.ReviewClient(_network.Staff(_network.Hitachi, Roles.Reviewer));
        var health = new Grpc.Health.V1.Health.HealthClient(_network.HealthSystem(_network.Hitachi, Hitachinaka));

        await WaitUntilAsync(async () => (await admin.GetStatisticsAsync(new GetStatisticsRequest())).EscalatedHeld == 1);
        Assert.True(Assert.Single((await review.ListHeldAsync(new ListHeldRequest())).Held).Escalated);
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing,
            (await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest { Service = "review" })).Status);
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving,
            (await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest())).Status);
        Assert.Contains(_network.Hitachi.Logs.Events, e => e.MessageTemplate.Text.Contains("is escalated", StringComparison.Ordinal));
        Assert.Empty((await inquiry.ListPendingResultsAsync(new ListPendingResultsRequest())).Results); // never sent by itself

        var extended = await admin.ExtendDeadlineAsync(new ExtendDeadlineRequest
        {
            HeldId = heldId, Reason = "本人確認中",
            Deadline = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)),
        });
        Assert.NotNull(extended.Deadline);
        Assert.False(Assert.Single((await review.ListHeldAsync(new ListHeldRequest())).Held).Escalated);
        await WaitUntilAsync(async () => (await admin.GetStatisticsAsync(new GetStatisticsRequest())).EscalatedHeld == 0);
        Assert.Equal("extend", Assert.Single((await review.GetHeldAsync(new GetHeldRequest { HeldId = heldId })).History).Decision);
        _network.AssertLogsClean();
    }

    private async Task<(Inquiry.InquiryClient Inquiry, string InquiryId, string HeldId)> HeldInquiryAsync()
    {
        await _network.ProvideableResidentAsync(Resident);
        var mitoPerson = _network.Population.InternalAddressNumberOf(Resident, MitoPrefix);
        await _network.AcquireSymbolAsync(_network.MitoGateway, Mito, mitoPerson, Resident);
        var inquiry = new Inquiry.InquiryClient(_network.HealthSystem(_network.MitoGateway, Mito));
        var asked = await inquiry.InquireAsync(new InquireRequest
        {
            AffairCode = Affair, ProcedureCode = Procedure, InformationNameCode = Osteoporosis,
            InternalAddressNumber = mitoPerson, ProviderInstitutionCode = Hitachinaka,
        });
        Assert.Equal(ProvisionOutcome.Held, asked.Outcome);
        var review = new Review.ReviewClient(_network.Staff(_network.Hitachi, Roles.Reviewer));
        return (inquiry, asked.InquiryId, Assert.Single((await review.ListHeldAsync(new ListHeldRequest())).Held).HeldId);
    }

    private async Task<OutgoingAnswer> DeliveredAsync(string heldId)
    {
        await using var db = await _network.Hitachi.Services
            .GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Storage.Database.LinkageDbContext>>().CreateDbContextAsync();
        var row = db.AnswerOutbox.Single(o => o.PermitId == heldId);
        return new OutgoingAnswer(row.PermitId, row.InquiryId, new Domain.Permits.SignedPermitData(row.Permit, row.Signature, row.KeyId),
            (Domain.Answers.ProvisionOutcome)row.Outcome, row.Reason,
            row.Ciphertext is null ? null : new Domain.Answers.SealedAnswer(row.SenderPublicKey!, row.Nonce!, row.Ciphertext),
            row.Attempts, (DeliveryState)row.State, row.LastError);
    }

    private static async Task<InquireResponse> ResultAsync(Inquiry.InquiryClient inquiry, string inquiryId)
    {
        await WaitUntilAsync(async () => (await inquiry.ListPendingResultsAsync(new ListPendingResultsRequest())).Results.Count > 0);
        var pending = Assert.Single((await inquiry.ListPendingResultsAsync(new ListPendingResultsRequest())).Results);
        Assert.Equal(inquiryId, pending.InquiryId);
        return await inquiry.GetInquiryResultAsync(new GetInquiryResultRequest { InquiryId = inquiryId });
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > giveUp) throw new TimeoutException("The condition did not come true in time.");
            await Task.Delay(100);
        }
    }
}
