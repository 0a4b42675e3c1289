using Linkage.Storage;
using Linkage.Storage.Permits;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Gateway.Startup;

/// <summary>Forgets used permit ids once their permits have expired: an expired permit is refused on its own.</summary>
public sealed partial class ReplayPurgeJob(
    IDbContextFactory<LinkageDbContext> contexts, PersistentReplayGuard guard, TimeProvider clock, ILogger<ReplayPurgeJob> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(Interval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                var purged = await guard.PurgeExpiredAsync(db, stoppingToken);
                if (purged > 0) LogPurged(logger, purged);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // Purging is housekeeping: a busy or failing disk now must not stop the gateway; the next round retries.
                LogPurgeFailed(logger, error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forgetting expired permit ids failed; retrying next round")]
    private static partial void LogPurgeFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} expired permit ids")]
    private static partial void LogPurged(ILogger logger, int count);
}
