using System.Text.Json;
using Grpc.Health.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Gateway.Jobs;
using Linkage.Testing;
using Microsoft.Extensions.Options;
using AdministrationClient = Linkage.Contracts.V1.Administration.AdministrationClient;
using JobOutcome = Linkage.Contracts.V1.JobOutcome;

namespace Linkage.Gateway.Tests;

/// <summary>
/// The gateway's jobs as an administrator and a monitor see them: every job in ListJobs with its last run, a failing
/// one turning the "linkage.jobs" health service NOT_SERVING and notified once.
/// Nothing listens at this gateway's hub address, so its permitted list sync fails run after run.
/// </summary>
public sealed class JobHealthTests
{
    private static readonly string[] Jobs =
    [
        PermittedListSynchronizer.JobName, ReplayPurgeJob.JobName, AbandonedBatchJob.JobName, SessionSweepJob.JobName,
        OutboxDispatcher.JobName, EscalationJob.JobName, CheckpointJob.SealName, RetentionJob.JobName, // witnessing needs the hub
    ];

    [Fact(Timeout = 120_000)]
    public async Task A_failing_job_is_listed_with_its_reason_turns_linkage_jobs_not_serving_and_is_notified_once()
    {
        await using var listener = await NotificationListener.StartAsync();
        await using var gateway = await GatewayOnTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:Endpoint"] = listener.Address,
        });
        var admin = new AdministrationClient(gateway.Channel(Roles.Administrator));
        var health = new Health.HealthClient(gateway.Channel(Roles.HealthSystem));

        var jobs = await ListUntilAsync(admin, listed => Jobs.All(name => listed.Any(j => j.Name == name && j.Outcome != JobOutcome.Unspecified))
            && listed.Single(j => j.Name == PermittedListSynchronizer.JobName).ConsecutiveFailures >= 3);

        var sync = jobs.Single(j => j.Name == PermittedListSynchronizer.JobName);
        Assert.Equal((JobStatus.Failing, JobOutcome.Failed), (sync.State, sync.Outcome));
        Assert.NotEqual("", sync.Reason);
        Assert.Contains(sync.Reason, sync.Detail);
        Assert.Null(sync.LastSuccess);
        Assert.NotNull(sync.Duration);
        Assert.True(sync.NextRun.ToDateTimeOffset() > sync.LastRun.ToDateTimeOffset());
        foreach (var other in jobs.Where(j => j.Name != PermittedListSynchronizer.JobName && Jobs.Contains(j.Name)))
        {
            Assert.True(other.Outcome == JobOutcome.Ok, $"{other.Name}: {other.Outcome} {other.Reason}");
            Assert.Equal(0, other.ConsecutiveFailures);
            Assert.NotNull(other.LastSuccess);
            Assert.NotNull(other.NextRun);
        }

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing,
            (await health.CheckAsync(new HealthCheckRequest { Service = JobHealthCheck.HealthName })).Status);
        // The gateway's own "" stays NOT_SERVING here for a reason of its own (it never got a permitted list); that a
        // failing job leaves "" SERVING is shown end to end (JobNotificationTests), where the hub goes down and comes back.

        // At least three failures, one notification: the turn from ok to failing. (Without a hub, witnessing fails
        // too once a checkpoint waits, and says so in a notification of its own.)
        await listener.WaitForAsync(1);
        var post = Assert.Single(listener.Posts, p => Text(p, "job") == PermittedListSynchronizer.JobName);
        Assert.Equal((PermittedListSynchronizer.JobName, "failed", GatewayOnTestServer.Institution),
            (Text(post, "job"), Text(post, "outcome"), Text(post, "institutionCode")));
        Assert.False(string.IsNullOrEmpty(Text(post, "reason")));
        Assert.All(listener.Posts, p => Assert.Equal("failed", Text(p, "outcome")));
        Assert.Equal(listener.Posts.Count, listener.Posts.Select(p => Text(p, "job")).Distinct().Count());
    }

    [Theory]
    [InlineData("ftp://monitor.example/notify")]
    [InlineData("/notify")]
    public async Task An_endpoint_that_is_no_http_url_stops_the_gateway_at_start(string endpoint)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayOnTestServer.StartAsync(
            new Dictionary<string, string?> { ["Notifications:Endpoint"] = endpoint }));
        Assert.Contains("absolute http or https URL", error.Message);
    }

    private static async Task<IReadOnlyList<JobView>> ListUntilAsync(AdministrationClient admin, Func<IReadOnlyList<JobView>, bool> done)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var jobs = (await admin.ListJobsAsync(new ListJobsRequest())).Jobs;
            if (done(jobs)) return jobs;
            if (DateTime.UtcNow > giveUp) throw new TimeoutException("The jobs did not get there within a minute: " + jobs);
            await Task.Delay(50);
        }
    }

    private static string? Text(JsonElement post, string property) => post.GetProperty(property).GetString();
}
