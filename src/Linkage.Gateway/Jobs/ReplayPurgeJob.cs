using Linkage.Storage.Permits;

namespace Linkage.Gateway.Jobs;

/// <summary>Forgets used permit ids once their permits have expired: an expired permit is refused on its own.</summary>
public sealed partial class ReplayPurgeJob(PersistentReplayGuard guard, TimeProvider clock, ILogger<ReplayPurgeJob> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(Interval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
            var forgotten = guard.ForgetExpired();
            if (forgotten > 0) LogForgotten(logger, forgotten);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} expired permit ids")]
    private static partial void LogForgotten(ILogger logger, int count);
}
