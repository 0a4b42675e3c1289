using Linkage.Domain.Errors;
using Linkage.Storage.Leadership;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// What every background job last did, for Administration.ListJobs, the "linkage.jobs" health service
/// (<see cref="JobHealthCheck"/>) and the notifications (<see cref="JobNotifier"/>). A job reports each run by running
/// it through the board; that is the one line a new job needs:
/// <code>
/// await board.RunAsync(JobName, Interval, async ct => $"{await DoTheWorkAsync(ct)} rows purged", stoppingToken);
/// </code>
/// The work returns a line saying what it did (counts and codes, never personal data). The board marks the job
/// running, times the run and records its outcome and when the job means to run next. A failure is recorded with a
/// reason code (a refusal's reason, else the exception's type name; never the message, which could hold personal
/// data), logged and swallowed, so that the job's loop simply goes on; cancellation at shutdown is not a failure and is
/// rethrown. When a job turns failing, or recovers, the <see cref="IJobWatcher"/>s are told.
/// A job that must run once across the institution's gateway nodes runs through <see cref="RunLeadingAsync(string, TimeSpan, Func{CancellationToken, Task{string}}, CancellationToken, Func{CancellationToken, Task}?)"/>
/// instead: the board asks <see cref="ILeadership"/> (the one leader rule) before each run.
/// </summary>
public sealed partial class JobBoard(TimeProvider clock, IEnumerable<IJobWatcher> watchers, ILeadership leadership, ILogger<JobBoard> logger)
{
    private readonly Dictionary<string, JobStatus> _jobs = new(StringComparer.Ordinal);
    private readonly IJobWatcher[] _watchers = watchers.ToArray();

    /// <summary>Runs <paramref name="work"/> as one run of the job; the next run is <paramref name="next"/> after it.</summary>
    /// <returns>Whether the run succeeded.</returns>
    public Task<bool> RunAsync(string name, TimeSpan next, Func<CancellationToken, Task<string>> work, CancellationToken ct) =>
        RunAsync(name, _ => next, work, ct);

    /// <summary>As the other overload, for a job whose next run depends on the outcome (a retry with back-off).</summary>
    /// <param name="next">The wait after this run, given whether it succeeded.</param>
    public async Task<bool> RunAsync(string name, Func<bool, TimeSpan> next, Func<CancellationToken, Task<string>> work, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var timestamp = clock.GetTimestamp();
        lock (_jobs) _jobs[name] = Of(name) with { State = JobStatus.Running, LastRun = started };
        Exception? error = null;
        string detail;
        try
        {
            detail = await work(ct);
        }
        catch (Exception failure) when (!ct.IsCancellationRequested)
        {
            error = failure;
            detail = $"failed ({ReasonOf(failure)})";
        }
        var ok = error is null;
        var finished = clock.GetUtcNow();
        JobStatus before, after;
        lock (_jobs)
        {
            before = Of(name);
            after = before with
            {
                State = ok ? JobStatus.Idle : JobStatus.Failing,
                Outcome = ok ? JobOutcome.Ok : JobOutcome.Failed,
                Reason = error is null ? "" : ReasonOf(error),
                Detail = detail,
                Duration = clock.GetElapsedTime(timestamp),
                NextRun = finished + next(ok),
                LastSuccess = ok ? started : before.LastSuccess,
                ConsecutiveFailures = ok ? 0 : before.ConsecutiveFailures + 1,
            };
            _jobs[name] = after;
        }
        // A first run that fails is a turn to failing too; a first run that succeeds is nothing to tell.
        var turned = ok ? before.Outcome == JobOutcome.Failed : before.Outcome != JobOutcome.Failed;
        if (!ok) LogFailed(logger, name, after.Reason, after.NextRun, turned ? error : null); // the stack trace once per spell
        else if (turned) LogRecovered(logger, name);
        if (turned) Tell(new JobTransition(name, after.Outcome, after.Reason, finished));
        return ok;
    }

    /// <summary>
    /// As <see cref="RunAsync(string, TimeSpan, Func{CancellationToken, Task{string}}, CancellationToken)"/>, for a job
    /// that must run once across the institution's nodes: this node runs it only while it leads the job. Meanwhile the
    /// job shows <see cref="JobStatus.Standby"/>, and <paramref name="standby"/> (when given) does what a node that does
    /// not lead must still do, such as reading what the leader stored.
    /// </summary>
    /// <returns>Whether the run succeeded; true on standby.</returns>
    public Task<bool> RunLeadingAsync(string name, TimeSpan next, Func<CancellationToken, Task<string>> work, CancellationToken ct,
        Func<CancellationToken, Task>? standby = null) =>
        RunLeadingAsync(name, _ => next, work, ct, standby);

    /// <inheritdoc cref="RunLeadingAsync(string, TimeSpan, Func{CancellationToken, Task{string}}, CancellationToken, Func{CancellationToken, Task}?)"/>
    public async Task<bool> RunLeadingAsync(string name, Func<bool, TimeSpan> next, Func<CancellationToken, Task<string>> work,
        CancellationToken ct, Func<CancellationToken, Task>? standby = null)
    {
        bool leads;
        try
        {
            leads = await leadership.LeadsAsync(name, ct);
        }
        catch (Exception unknown) when (!ct.IsCancellationRequested)
        {
            // Whether this node leads is unknown: the run fails with that reason, and the job's loop goes on.
            return await RunAsync(name, next, _ => Task.FromException<string>(unknown), ct);
        }
        if (leads) return await RunAsync(name, next, work, ct);
        var now = clock.GetUtcNow();
        lock (_jobs)
            _jobs[name] = Of(name) with
            {
                State = JobStatus.Standby, Outcome = JobOutcome.None, Reason = "", Detail = StandbyDetail, Duration = TimeSpan.Zero,
                NextRun = now + next(true), ConsecutiveFailures = 0,
            };
        if (standby is null) return true;
        try
        {
            await standby(ct);
        }
        catch (Exception error) when (!ct.IsCancellationRequested)
        {
            LogStandbyFailed(logger, name, ReasonOf(error));
        }
        return true;
    }

    /// <summary>What a job on standby says it is doing.</summary>
    public const string StandbyDetail = "another node of the institution runs this job";

    /// <summary>Every job that has started a run, by name.</summary>
    public IReadOnlyList<JobStatus> All
    {
        get { lock (_jobs) return _jobs.Values.OrderBy(j => j.Name, StringComparer.Ordinal).ToList(); }
    }

    /// <summary>The jobs whose last finished run failed.</summary>
    public IReadOnlyList<string> Failing
    {
        get { lock (_jobs) return _jobs.Values.Where(j => j.Outcome == JobOutcome.Failed).Select(j => j.Name).Order(StringComparer.Ordinal).ToList(); }
    }

    /// <summary>The code a failure is known by: no exception message, which could carry personal data.</summary>
    public static string ReasonOf(Exception error) => error is DomainException refusal ? refusal.Reason : error.GetType().Name;

    private JobStatus Of(string name) => _jobs.GetValueOrDefault(name) ?? new JobStatus(name);

    private void Tell(JobTransition transition)
    {
        foreach (var watcher in _watchers)
        {
            try { watcher.Changed(transition); }
            catch (Exception error) { LogWatcherFailed(logger, transition.Job, error); } // a watcher never stops a job
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, EventName = "JobFailed", Message = "Job {Job} failed ({Reason}); next run at {NextRun}")]
    private static partial void LogFailed(ILogger logger, string job, string reason, DateTimeOffset? nextRun, Exception? error);

    [LoggerMessage(Level = LogLevel.Information, EventName = "JobRecovered", Message = "Job {Job} succeeded again")]
    private static partial void LogRecovered(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The standby work of job {Job} failed ({Reason})")]
    private static partial void LogStandbyFailed(ILogger logger, string job, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling a watcher that job {Job} changed failed")]
    private static partial void LogWatcherFailed(ILogger logger, string job, Exception error);
}
