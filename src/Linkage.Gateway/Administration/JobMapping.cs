using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Gateway.Jobs;
using JobOutcome = Linkage.Gateway.Jobs.JobOutcome;
using WireOutcome = Linkage.Contracts.V1.JobOutcome;

namespace Linkage.Gateway.Administration;

/// <summary>A job's status on the board as Administration.ListJobs shows it.</summary>
internal static class JobMapping
{
    public static JobView ToWire(JobStatus job) => new()
    {
        Name = job.Name,
        State = job.State,
        LastRun = Time(job.LastRun),
        Detail = job.Detail,
        Outcome = job.Outcome switch
        {
            JobOutcome.Ok => WireOutcome.Ok,
            JobOutcome.Failed => WireOutcome.Failed,
            _ => WireOutcome.Unspecified,
        },
        Reason = job.Reason,
        Duration = job.Outcome == JobOutcome.None ? null : Duration.FromTimeSpan(job.Duration),
        NextRun = Time(job.NextRun),
        LastSuccess = Time(job.LastSuccess),
        ConsecutiveFailures = job.ConsecutiveFailures,
    };

    private static Timestamp? Time(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
