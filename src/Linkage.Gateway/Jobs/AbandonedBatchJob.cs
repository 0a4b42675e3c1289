using Linkage.Domain.Copies.Batches;
using Linkage.Gateway.Options;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// Removes copy batches whose stream broke and was never resent within <see cref="GatewayOptions.AbandonedBatchAge"/>:
/// their rows were never visible, but they would block the versions they hold from ever being registered again. Runs on
/// one node of the institution.
/// </summary>
public sealed partial class AbandonedBatchJob(
    ICopyBatchStore batches, IOptions<GatewayOptions> options, JobBoard board, TimeProvider clock, ILogger<AbandonedBatchJob> logger)
    : BackgroundService
{
    public const string JobName = "abandoned-batches";
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await board.RunLeadingAsync(JobName, Interval, DiscardAsync, stoppingToken);
            try { await Task.Delay(Interval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task<string> DiscardAsync(CancellationToken ct)
    {
        var removed = await batches.DiscardAbandonedAsync(clock.GetUtcNow() - options.Value.AbandonedBatchAge, ct);
        if (removed > 0) LogDiscarded(logger, removed);
        return $"{removed} abandoned copy batches discarded";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discarded {Count} abandoned copy batches")]
    private static partial void LogDiscarded(ILogger logger, int count);
}
