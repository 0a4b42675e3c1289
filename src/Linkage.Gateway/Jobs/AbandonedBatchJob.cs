using Linkage.Domain.Copies.Batches;
using Linkage.Gateway.Options;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// Removes copy batches whose stream broke and was never resent within <see cref="GatewayOptions.AbandonedBatchAge"/>:
/// their rows were never visible, but they would block the versions they hold from ever being registered again.
/// </summary>
public sealed partial class AbandonedBatchJob(
    ICopyBatchStore batches, IOptions<GatewayOptions> options, TimeProvider clock, ILogger<AbandonedBatchJob> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var removed = await batches.DiscardAbandonedAsync(clock.GetUtcNow() - options.Value.AbandonedBatchAge, stoppingToken);
                if (removed > 0) LogDiscarded(logger, removed);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, error);
            }
            try { await Task.Delay(Interval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discarded {Count} abandoned copy batches")]
    private static partial void LogDiscarded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discarding abandoned copy batches failed; retrying next round")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
