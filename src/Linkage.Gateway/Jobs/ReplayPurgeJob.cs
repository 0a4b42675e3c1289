using Linkage.Storage.Permits;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// Forgets used permit ids once their permits have expired: an expired permit is refused on its own. One node of the
/// institution purges the shared table; every node forgets the ids in its own memory.
/// </summary>
public sealed partial class ReplayPurgeJob(PersistentReplayGuard guard, JobBoard board, TimeProvider clock, ILogger<ReplayPurgeJob> logger)
    : BackgroundService
{
    public const string JobName = "replay-purge";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await board.RunLeadingAsync(JobName, Interval, ForgetAsync, stoppingToken, standby: _ =>
            {
                guard.ForgetExpiredInMemory();
                return Task.CompletedTask;
            });
            try { await Task.Delay(Interval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task<string> ForgetAsync(CancellationToken ct)
    {
        var forgotten = await guard.ForgetExpiredAsync(ct);
        if (forgotten > 0) LogForgotten(logger, forgotten);
        return $"{forgotten} expired permit ids forgotten";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} expired permit ids")]
    private static partial void LogForgotten(ILogger logger, int count);
}
