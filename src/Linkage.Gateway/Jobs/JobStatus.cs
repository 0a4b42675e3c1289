namespace Linkage.Gateway.Jobs;

/// <summary>What one background job last did, as <see cref="JobBoard"/> keeps it; every text free of personal data.</summary>
public sealed record JobStatus(string Name)
{
    public const string Idle = "idle";
    public const string Running = "running";
    public const string Failing = "failing";

    /// <summary>A job that runs on one node of the institution at a time, which another node runs now.</summary>
    public const string Standby = "standby";

    /// <summary>
    /// <see cref="Running"/> during a run; after it <see cref="Idle"/>, or <see cref="Failing"/> when it failed;
    /// <see cref="Standby"/> while another node leads it.
    /// </summary>
    public string State { get; init; } = Idle;

    /// <summary>When the last run started.</summary>
    public DateTimeOffset? LastRun { get; init; }

    /// <summary>The outcome, reason, detail and duration of the last finished run.</summary>
    public JobOutcome Outcome { get; init; }

    /// <summary>A reason code when failed (a refusal's reason or the exception's type name); empty otherwise.</summary>
    public string Reason { get; init; } = "";

    public string Detail { get; init; } = "";
    public TimeSpan Duration { get; init; }
    public DateTimeOffset? NextRun { get; init; }

    /// <summary>When the last successful run started.</summary>
    public DateTimeOffset? LastSuccess { get; init; }

    public int ConsecutiveFailures { get; init; }
}
