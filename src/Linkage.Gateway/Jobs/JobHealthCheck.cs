using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// The health service "linkage.jobs": NOT_SERVING while any job's last run failed, SERVING again once each has
/// succeeded. Not part of the gateway's own health (""): a failing purge must not take answering off the network.
/// </summary>
public sealed class JobHealthCheck(JobBoard board) : IHealthCheck
{
    public const string HealthName = "linkage.jobs";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failing = board.Failing;
        return Task.FromResult(failing.Count == 0 ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The last run of {string.Join(", ", failing)} failed."));
    }
}
