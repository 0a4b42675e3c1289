using Linkage.Domain.Staff;
using Linkage.Gateway.Options;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// Signs out sessions whose idle time or lifetime ran out, and logs each, though nobody calls with them again. The
/// sessions are the institution's, in its database: one node sweeps them.
/// </summary>
public sealed partial class SessionSweepJob(StaffSessions sessions, IOptions<StaffOptions> options, JobBoard board, ILogger<SessionSweepJob> logger)
    : BackgroundService
{
    public const string JobName = "session-sweep";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SweepInterval;
        using var timer = new PeriodicTimer(interval);
        do await board.RunLeadingAsync(JobName, interval, SweepAsync, stoppingToken);
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<string> SweepAsync(CancellationToken ct)
    {
        var ended = await sessions.SweepAsync(ct);
        if (ended > 0) LogEnded(logger, ended);
        return $"{ended} staff sessions ended";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed out {Count} idle or expired staff sessions")]
    private static partial void LogEnded(ILogger logger, int count);
}
