namespace Linkage.Gateway.Jobs;

/// <summary>A job turned failing (<see cref="JobOutcome.Failed"/>, with its reason code) or recovered (<see cref="JobOutcome.Ok"/>).</summary>
public sealed record JobTransition(string Job, JobOutcome Outcome, string Reason, DateTimeOffset At);
