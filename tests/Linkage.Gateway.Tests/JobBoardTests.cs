using Linkage.Domain.Errors;
using Linkage.Gateway.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Gateway.Tests;

/// <summary>
/// The one way a job reports a run: outcome, reason code, duration, next run, last success and failures in a row, the
/// running state meanwhile, and a word to the watchers only when a job turns failing or recovers.
/// </summary>
public sealed class JobBoardTests
{
    private const string Job = "test-job";
    private const string Person = "082211234567890";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Watcher _watcher = new();
    private readonly JobBoard _board;

    public JobBoardTests() => _board = new JobBoard(_clock, [_watcher], new Linkage.Storage.Leadership.AlwaysLeader(), NullLogger<JobBoard>.Instance);

    [Fact]
    public async Task A_run_that_succeeds_records_its_line_duration_next_run_and_success()
    {
        var started = _clock.GetUtcNow();
        Assert.True(await _board.RunAsync(Job, Interval, async _ =>
        {
            Assert.Equal(JobStatus.Running, Assert.Single(_board.All).State); // visible while it runs
            _clock.Advance(TimeSpan.FromSeconds(3));
            await Task.Yield();
            return "7 rows purged";
        }, CancellationToken.None));

        var job = Assert.Single(_board.All);
        Assert.Equal((Job, JobStatus.Idle, JobOutcome.Ok, "", "7 rows purged"), (job.Name, job.State, job.Outcome, job.Reason, job.Detail));
        Assert.Equal(TimeSpan.FromSeconds(3), job.Duration);
        Assert.Equal((started, started, started.AddSeconds(3) + Interval), (job.LastRun, job.LastSuccess, job.NextRun));
        Assert.Equal(0, job.ConsecutiveFailures);
        Assert.Empty(_board.Failing);
        Assert.Empty(_watcher.Seen); // a first run that succeeds is nothing to tell
    }

    [Fact]
    public async Task A_failure_is_recorded_with_a_reason_code_never_the_message_and_the_job_goes_on()
    {
        await _board.RunAsync(Job, Interval, _ => Task.FromResult("ok"), CancellationToken.None);
        var succeeded = _clock.GetUtcNow();
        _clock.Advance(Interval);

        Assert.False(await _board.RunAsync(Job, Interval, _ => throw new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable,
            $"the hub is down while asking about {Person}"), CancellationToken.None));
        _clock.Advance(Interval);
        Assert.False(await _board.RunAsync(Job, Interval, _ => throw new InvalidOperationException($"row of {Person}"), CancellationToken.None));

        var job = Assert.Single(_board.All);
        Assert.Equal((JobStatus.Failing, JobOutcome.Failed, nameof(InvalidOperationException)), (job.State, job.Outcome, job.Reason));
        Assert.Equal((2, succeeded), (job.ConsecutiveFailures, job.LastSuccess));
        Assert.Equal(_clock.GetUtcNow(), job.LastRun);
        Assert.DoesNotContain(Person, job.Detail);
        Assert.Equal([Job], _board.Failing);
    }

    [Fact]
    public async Task Watchers_hear_of_the_turn_to_failing_once_and_of_the_recovery_once()
    {
        await _board.RunAsync(Job, Interval, _ => throw new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable, "down"),
            CancellationToken.None); // a first run that fails is a turn
        for (var i = 0; i < 3; i++)
            await _board.RunAsync(Job, Interval, _ => throw new TimeoutException(), CancellationToken.None);
        await _board.RunAsync(Job, Interval, _ => Task.FromResult("ok"), CancellationToken.None);
        await _board.RunAsync(Job, Interval, _ => Task.FromResult("ok"), CancellationToken.None);

        Assert.Equal([(Job, JobOutcome.Failed, ErrorReasons.PeerUnavailable), (Job, JobOutcome.Ok, "")],
            _watcher.Seen.Select(t => (t.Job, t.Outcome, t.Reason)));
        Assert.Equal(0, Assert.Single(_board.All).ConsecutiveFailures);
        Assert.Empty(_board.Failing);
    }

    [Fact]
    public async Task The_next_run_may_depend_on_the_outcome()
    {
        var retry = TimeSpan.FromSeconds(1);
        await _board.RunAsync(Job, ok => ok ? Interval : retry, _ => throw new TimeoutException(), CancellationToken.None);
        Assert.Equal(_clock.GetUtcNow() + retry, Assert.Single(_board.All).NextRun);
        await _board.RunAsync(Job, ok => ok ? Interval : retry, _ => Task.FromResult("ok"), CancellationToken.None);
        Assert.Equal(_clock.GetUtcNow() + Interval, Assert.Single(_board.All).NextRun);
    }

    [Fact]
    public async Task Stopping_the_gateway_is_no_failure()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _board.RunAsync(Job, Interval, ct => Task.FromException<string>(new OperationCanceledException(ct)), stopping.Token));
        Assert.NotEqual(JobOutcome.Failed, Assert.Single(_board.All).Outcome);
        Assert.Empty(_watcher.Seen);
    }

    [Fact]
    public async Task A_watcher_that_throws_does_not_stop_the_job()
    {
        var board = new JobBoard(_clock, [new ThrowingWatcher(), _watcher], new Linkage.Storage.Leadership.AlwaysLeader(), NullLogger<JobBoard>.Instance);
        Assert.False(await board.RunAsync(Job, Interval, _ => throw new TimeoutException(), CancellationToken.None));
        Assert.Single(_watcher.Seen);
    }

    private sealed class Watcher : IJobWatcher
    {
        public List<JobTransition> Seen { get; } = [];

        public void Changed(JobTransition transition) => Seen.Add(transition);
    }

    private sealed class ThrowingWatcher : IJobWatcher
    {
        public void Changed(JobTransition transition) => throw new InvalidOperationException("watcher broke");
    }
}
