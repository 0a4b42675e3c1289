using Linkage.Domain.Review;
using Linkage.Gateway.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// Escalates held responses past their deadline: listed first, counted, a structured warning for each (the held id and
/// the information name, no person), and the "review" health service NOT_SERVING while any is escalated. Never sends.
/// One node of the institution escalates; every node counts the escalated items for its own health.
/// </summary>
public sealed partial class EscalationJob(
    IHeldResponseStore held, IOptions<ReviewOptions> options, JobBoard board, TimeProvider clock, ILogger<EscalationJob> logger)
    : BackgroundService, IHealthCheck
{
    public const string JobName = "review-escalation";
    public const string HealthName = "review";
    private volatile int _escalated;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.EscalationInterval;
        using var timer = new PeriodicTimer(interval, clock);
        do await board.RunLeadingAsync(JobName, interval, EscalateAsync, stoppingToken,
            standby: async ct => _escalated = await held.CountEscalatedAsync(ct));
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<string> EscalateAsync(CancellationToken ct)
    {
        foreach (var item in await held.EscalateOverdueAsync(clock.GetUtcNow(), ct))
            LogEscalated(logger, item.PermitId, item.InformationName.Value, item.Deadline);
        _escalated = await held.CountEscalatedAsync(ct);
        return $"{_escalated} held responses escalated";
    }

    public int Escalated => _escalated;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_escalated == 0 ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{_escalated} held responses are past their review deadline."));

    [LoggerMessage(Level = LogLevel.Warning, EventName = "HeldResponseEscalated",
        Message = "Held response {HeldId} ({InformationName}) passed its review deadline {Deadline} undecided and is escalated")]
    private static partial void LogEscalated(ILogger logger, string heldId, string informationName, DateTimeOffset deadline);
}
