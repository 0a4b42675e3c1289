using Linkage.Domain.Staff;
using Linkage.Gateway.Options;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Jobs;

/// <summary>Signs out sessions whose idle time or lifetime ran out, and logs each, though nobody calls with them again.</summary>
public sealed partial class SessionSweepJob(StaffSessions sessions, IOptions<StaffOptions> options, ILogger<SessionSweepJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var ended = await sessions.SweepAsync(stoppingToken);
                if (ended > 0) LogEnded(logger, ended);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(logger, error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed out {Count} idle or expired staff sessions")]
    private static partial void LogEnded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for idle staff sessions failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
