using System.Text.Json;
using Linkage.Domain;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Gateway.Jobs;
using Linkage.Gateway.Options;
using Linkage.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linkage.Gateway.Tests;

/// <summary>
/// Notifications of failing and recovered jobs, posted to a local listener: once per turn however many runs fail, in
/// order, retried when the endpoint is not ready, and never anything about a person.
/// </summary>
public sealed class JobNotifierTests
{
    private const string Job = "test-job";
    private const string Person = "082211234567890";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact(Timeout = 60_000)]
    public async Task A_failing_job_posts_once_and_its_recovery_posts_once()
    {
        await using var listener = await NotificationListener.StartAsync();
        var (notifier, board) = await StartAsync(listener.Address);
        using var _ = notifier;

        for (var i = 0; i < 3; i++)
            await board.RunAsync(Job, Interval, _ => throw new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable,
                $"no answer about {Person}"), CancellationToken.None);
        for (var i = 0; i < 2; i++)
            await board.RunAsync(Job, Interval, _ => Task.FromResult("fine"), CancellationToken.None);

        // The recovery is queued after the failure, and nothing after it: once it is in, every post is.
        var posts = await listener.WaitForAsync(2);
        Assert.Equal([("failed", ErrorReasons.PeerUnavailable), ("ok", "")], posts.Select(p => (Text(p, "outcome"), Text(p, "reason"))));
        Assert.All(posts, post =>
        {
            Assert.Equal(Job, Text(post, "job"));
            Assert.Equal(TestNetwork.Hitachinaka, Text(post, "institutionCode"));
            Assert.True(post.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
            Assert.DoesNotContain(Person, post.GetRawText());
        });
        Assert.Equal(2, listener.Attempts);
        await notifier.StopAsync(CancellationToken.None);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_endpoint_not_ready_is_tried_again()
    {
        await using var listener = await NotificationListener.StartAsync(refuseFirst: 2);
        var (notifier, board) = await StartAsync(listener.Address);
        using var _ = notifier;

        await board.RunAsync(Job, Interval, _ => throw new TimeoutException(), CancellationToken.None);

        Assert.Equal(nameof(TimeoutException), Text(Assert.Single(await listener.WaitForAsync(1)), "reason"));
        Assert.Equal(3, listener.Attempts);
        await notifier.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_is_queued_and_the_job_goes_on()
    {
        var (notifier, board) = await StartAsync(endpoint: null);
        using var _ = notifier;
        Assert.False(await board.RunAsync(Job, Interval, _ => throw new TimeoutException(), CancellationToken.None));
        Assert.True(await board.RunAsync(Job, Interval, _ => Task.FromResult("fine"), CancellationToken.None));
        await notifier.StopAsync(CancellationToken.None);
    }

    private static async Task<(JobNotifier, JobBoard)> StartAsync(string? endpoint)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new NotificationOptions
        {
            Endpoint = endpoint,
            BaseDelay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(50),
        });
        var notifier = new JobNotifier(options, new InstitutionScope(InstitutionCode.Parse(TestNetwork.Hitachinaka)),
            NullLogger<JobNotifier>.Instance);
        await notifier.StartAsync(CancellationToken.None);
        return (notifier, new JobBoard(TimeProvider.System, [notifier], new Linkage.Storage.Leadership.AlwaysLeader(), NullLogger<JobBoard>.Instance));
    }

    private static string? Text(JsonElement post, string property) => post.GetProperty(property).GetString();
}
