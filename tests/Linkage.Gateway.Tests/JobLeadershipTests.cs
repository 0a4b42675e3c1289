using Linkage.Gateway.Jobs;
using Linkage.Storage.Leadership;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Gateway.Tests;

/// <summary>
/// A job that runs once across the institution's nodes runs only where <see cref="ILeadership"/> says this node leads
/// it; elsewhere the board shows it on standby, runs only its standby work, and does not count it as failing.
/// </summary>
public sealed class JobLeadershipTests
{
    private const string Job = "leader-job";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SwitchedLeadership _leadership = new();
    private readonly JobBoard _board;

    public JobLeadershipTests() => _board = new JobBoard(_clock, [], _leadership, NullLogger<JobBoard>.Instance);

    [Fact]
    public async Task On_a_node_that_does_not_lead_the_work_does_not_run_only_the_standby_work()
    {
        var (ran, stood) = (0, 0);
        Assert.True(await _board.RunLeadingAsync(Job, Interval, _ => { ran++; return Task.FromResult("done"); }, CancellationToken.None,
            standby: _ => { stood++; return Task.CompletedTask; }));

        var job = Assert.Single(_board.All);
        Assert.Equal((0, 1), (ran, stood));
        Assert.Equal((JobStatus.Standby, JobOutcome.None, JobBoard.StandbyDetail), (job.State, job.Outcome, job.Detail));
        Assert.Equal(_clock.GetUtcNow() + Interval, job.NextRun);
        Assert.Equal([Job], _leadership.Asked);
    }

    [Fact]
    public async Task A_node_that_leads_runs_the_job_as_any_other_and_a_failing_leader_that_loses_the_lead_stops_failing()
    {
        _leadership.Leads = true;
        Assert.False(await _board.RunLeadingAsync(Job, Interval, _ => throw new TimeoutException(), CancellationToken.None));
        Assert.Equal([Job], _board.Failing);

        _leadership.Leads = false;
        Assert.True(await _board.RunLeadingAsync(Job, Interval, _ => throw new TimeoutException(), CancellationToken.None));
        Assert.Empty(_board.Failing); // the other node runs it now: this node's health does not hang on its last run

        _leadership.Leads = true;
        Assert.True(await _board.RunLeadingAsync(Job, Interval, _ => Task.FromResult("3 rows purged"), CancellationToken.None));
        var job = Assert.Single(_board.All);
        Assert.Equal((JobStatus.Idle, JobOutcome.Ok, "3 rows purged"), (job.State, job.Outcome, job.Detail));
    }

    [Fact]
    public async Task A_standby_work_that_fails_is_logged_and_the_job_stays_on_standby()
    {
        Assert.True(await _board.RunLeadingAsync(Job, Interval, _ => Task.FromResult(""), CancellationToken.None,
            standby: _ => throw new InvalidOperationException("the database is away")));

        Assert.Equal(JobStatus.Standby, Assert.Single(_board.All).State);
        Assert.Empty(_board.Failing);
    }

    [Fact]
    public async Task A_node_that_cannot_tell_whether_it_leads_fails_the_run_and_does_not_run_the_work()
    {
        _leadership.Failure = new TimeoutException("no answer from the database");
        var ran = false;

        Assert.False(await _board.RunLeadingAsync(Job, Interval, _ => { ran = true; return Task.FromResult(""); }, CancellationToken.None));

        var job = Assert.Single(_board.All);
        Assert.False(ran);
        Assert.Equal((JobStatus.Failing, nameof(TimeoutException)), (job.State, job.Reason));
    }

    private sealed class SwitchedLeadership : ILeadership
    {
        public bool Leads { get; set; }
        public Exception? Failure { get; set; }
        public List<string> Asked { get; } = [];

        public Task<bool> LeadsAsync(string job, CancellationToken ct)
        {
            Asked.Add(job);
            return Failure is { } failure ? Task.FromException<bool>(failure) : Task.FromResult(Leads);
        }
    }
}
