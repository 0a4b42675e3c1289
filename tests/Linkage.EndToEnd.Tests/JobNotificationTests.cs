using System.Text.Json;
using Grpc.Health.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Gateway.Jobs;
using Linkage.Gateway.Options;
using Linkage.Network.Client;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;
using AdministrationClient = Linkage.Contracts.V1.Administration.AdministrationClient;
using JobOutcome = Linkage.Contracts.V1.JobOutcome;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// A real job failing and recovering: the hub goes down, Hitachinaka's permitted list sync fails run after run, its
/// "linkage.jobs" health service is NOT_SERVING while the gateway goes on answering with the last good list, and the
/// operators' endpoint hears of it once; the hub comes back, the sync recovers, and they hear of that once.
/// </summary>
public sealed class JobNotificationTests : IAsyncLifetime
{
    private NotificationListener _listener = null!;
    private TestNetwork _network = null!;

    public async Task InitializeAsync()
    {
        _listener = await NotificationListener.StartAsync();
        _network = await TestNetwork.StartAsync(hitachiServices: services =>
        {
            services.PostConfigure<NotificationOptions>(options =>
            {
                options.Endpoint = _listener.Address;
                options.BaseDelay = TimeSpan.FromMilliseconds(50);
            });
            // Runs every second, and a hub that is back is tried again within a second or two.
            services.PostConfigure<GatewayOptions>(options => options.PermittedListRefresh = TimeSpan.FromSeconds(1));
            services.PostConfigure<NetworkClientOptions>(options =>
            {
                options.MaxRetries = 0;
                options.BreakDuration = TimeSpan.FromSeconds(1);
            });
            // Witnessing pauses up to the sealing interval while the hub is away: short here, so it is back soon too.
            services.PostConfigure<CheckpointOptions>(options => options.Interval = TimeSpan.FromSeconds(2));
        });
    }

    public async Task DisposeAsync()
    {
        await _network.DisposeAsync();
        await _listener.DisposeAsync();
    }

    [Fact(Timeout = 180_000)]
    public async Task The_hub_going_down_is_notified_once_and_its_return_once_and_linkage_jobs_follows()
    {
        var admin = new AdministrationClient(_network.Staff(_network.Hitachi, Roles.Administrator));
        var health = new Health.HealthClient(_network.HealthSystem(_network.Hitachi, Hitachinaka));
        await SyncUntilAsync(admin, sync => sync.Outcome == JobOutcome.Ok);
        Assert.Equal(ServingStatus.Serving, await StatusAsync(health, JobHealthCheck.HealthName));

        await _network.StopHubAsync();
        var failing = await SyncUntilAsync(admin, sync => sync.ConsecutiveFailures >= 2);
        Assert.Equal(ServingStatus.NotServing, await StatusAsync(health, JobHealthCheck.HealthName));
        Assert.Equal(ServingStatus.Serving, await StatusAsync(health, "")); // the last good list stays current
        Assert.Contains(failing.Reason, failing.Detail);

        await _network.StartHubAsync();
        var recovered = await SyncUntilAsync(admin, sync => sync.Outcome == JobOutcome.Ok
            && sync.LastSuccess.ToDateTimeOffset() > failing.LastRun.ToDateTimeOffset());
        Assert.Equal(0, recovered.ConsecutiveFailures);
        // Every job that the hub's absence failed (the list sync; witnessing, if a checkpoint was waiting) works again.
        await WaitUntilAsync(async () => await StatusAsync(health, JobHealthCheck.HealthName) == ServingStatus.Serving);

        // Once the list sync's recovery is in, each of its turns is: one failed, one ok, however many runs failed.
        await WaitUntilAsync(() => Task.FromResult(_listener.Posts.Count(p => Text(p, "job") == PermittedListSynchronizer.JobName) >= 2));
        var posts = _listener.Posts.Where(p => Text(p, "job") == PermittedListSynchronizer.JobName).ToList();
        Assert.Equal([(PermittedListSynchronizer.JobName, "failed", failing.Reason), (PermittedListSynchronizer.JobName, "ok", "")],
            posts.Select(p => (Text(p, "job"), Text(p, "outcome"), Text(p, "reason"))));
        Assert.All(posts, p => Assert.Equal(Hitachinaka, Text(p, "institutionCode")));
        _network.AssertLogsClean();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            if (DateTime.UtcNow > giveUp) throw new TimeoutException("The condition did not hold within a minute.");
            await Task.Delay(50);
        }
    }

    private static async Task<JobView> SyncUntilAsync(AdministrationClient admin, Func<JobView, bool> done)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var sync = (await admin.ListJobsAsync(new ListJobsRequest())).Jobs.FirstOrDefault(j => j.Name == PermittedListSynchronizer.JobName);
            if (sync is not null && done(sync)) return sync;
            if (DateTime.UtcNow > giveUp) throw new TimeoutException($"The permitted list sync did not get there within a minute: {sync}");
            await Task.Delay(50);
        }
    }

    private static async Task<ServingStatus> StatusAsync(Health.HealthClient health, string service) =>
        (await health.CheckAsync(new HealthCheckRequest { Service = service })).Status;

    private static string? Text(JsonElement post, string property) => post.GetProperty(property).GetString();
}
