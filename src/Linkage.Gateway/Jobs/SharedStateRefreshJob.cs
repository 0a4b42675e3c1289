using Linkage.Domain.Review.HoldFlags;
using Linkage.Domain.Staff;
using Linkage.Gateway.Options;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// On a database that more than one gateway node of the institution shares (PostgreSQL), what each node holds in memory
/// for the hot path — the registry of staff and systems, the hold flags in force, the open sessions — is taken again from
/// the database every <see cref="GatewayOptions.SharedStateRefresh"/>, so that a change made through another node (a
/// flag set, a card unbound, a sign-out) holds here within that time. A change made through this node holds here at once.
/// </summary>
public sealed class SharedStateRefreshJob(
    RegistryAdministration registry, HoldFlagAdministration holdFlags, StaffSessions sessions, IOptions<GatewayOptions> options,
    JobBoard board, TimeProvider clock) : BackgroundService
{
    public const string JobName = "shared-state-refresh";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SharedStateRefresh;
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await board.RunAsync(JobName, interval, RefreshAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public async Task<string> RefreshAsync(CancellationToken ct)
    {
        var contents = await registry.RefreshAsync(ct);
        var flags = await holdFlags.RefreshAsync(ct);
        var forgotten = await sessions.ForgetEndedAsync(ct);
        return $"{contents.Staff.Count} staff, {contents.Systems.Count} systems, {flags} hold flags in force, {forgotten} ended sessions forgotten";
    }
}
