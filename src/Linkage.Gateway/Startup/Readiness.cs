using Linkage.Domain.Permits;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Linkage.Gateway.Startup;

/// <summary>SERVING once the database is migrated and a verified permitted list is current: only then can inquiries be answered.</summary>
public sealed class Readiness(IPermittedListSource lists) : IHealthCheck
{
    public volatile bool DatabaseReady;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !DatabaseReady ? HealthCheckResult.Unhealthy("The database is not migrated yet.")
            : lists.Current is null ? HealthCheckResult.Unhealthy("No permitted list has been received from the hub yet.")
            : HealthCheckResult.Healthy());
}
