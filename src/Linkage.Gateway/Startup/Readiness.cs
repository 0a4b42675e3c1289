using Linkage.Domain.Permits;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Linkage.Gateway.Startup;

/// <summary>SERVING once the database is migrated and a verified permitted list is current: only then can inquiries be answered.</summary>
public sealed class Readiness(IPermittedListSource lists) : IHealthCheck
{
    private volatile bool _databaseReady;

    public bool DatabaseReady { get => _databaseReady; set => _databaseReady = value; }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !_databaseReady ? HealthCheckResult.Unhealthy("The database is not migrated yet.")
            : lists.Current is null ? HealthCheckResult.Unhealthy("No permitted list has been received from the hub yet.")
            : HealthCheckResult.Healthy());
}
