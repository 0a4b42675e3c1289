using Linkage.Domain.Review;
using Linkage.Gateway.Options;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// Delivers decided answers from the outbox to the hub until it acknowledges: retries with exponential back-off and
/// jitter (Polly), the attempts counted in the outbox so that a restart goes on where it stopped, and parked after the
/// configured attempts for an administrator to retry. A repeat is harmless: the inquirer accepts one answer per inquiry.
/// The outbox is the institution's: one node delivers from it (another takes over when that node is gone), so an answer
/// is not sent twice at once by two nodes.
/// </summary>
public sealed partial class OutboxDispatcher(
    IAnswerOutbox outbox, IAnswerRelay relay, IOptions<ReviewOptions> options, JobBoard board, TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService, IOutboxSignal
{
    public const string JobName = "answer-outbox";
    private const int Parallel = 8;

    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly HashSet<string> _inFlight = [];

    // Deliveries that ended since the outbox was last read: that read may have found them pending still, and one
    // started again from it would send an answer the hub has acknowledged already. Guarded by _inFlight's lock.
    private readonly HashSet<string> _endedSinceRead = [];

    public void Wake() => _wake.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            var poll = options.Value.DeliveryPollInterval;
            // A run reads the outbox and starts deliveries; each delivery's own failures are its attempts, and parking.
            await board.RunLeadingAsync(JobName, poll, async ct =>
            {
                lock (_inFlight) _endedSinceRead.Clear();
                foreach (var answer in await outbox.PendingAsync(Parallel * 4, ct))
                {
                    if (running.Count >= Parallel) break;
                    lock (_inFlight)
                        if (_endedSinceRead.Contains(answer.PermitId) || !_inFlight.Add(answer.PermitId)) continue;
                    running.Add(DeliverAsync(answer, ct));
                }
                return $"{running.Count} deliveries under way";
            }, stoppingToken);
            await _wake.WaitAsync(poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        await Task.WhenAll(running);
    }

    private async Task DeliverAsync(OutgoingAnswer answer, CancellationToken ct)
    {
        var settings = options.Value;
        var attempts = answer.Attempts;
        try
        {
            var pipeline = Pipeline(settings, Math.Max(1, settings.DeliveryAttempts - attempts), async failure =>
            {
                attempts++;
                await outbox.MarkFailedAsync(answer.PermitId, attempts, Describe(failure), park: false, clock.GetUtcNow(), CancellationToken.None);
            });
            await pipeline.ExecuteAsync(async token => await relay.RelayAsync(answer.Permit, answer.PermitId, answer.InquiryId,
                answer.Outcome, answer.Reason, answer.Answer, token), ct);
            await outbox.MarkDeliveredAsync(answer.PermitId, clock.GetUtcNow(), CancellationToken.None);
            LogDelivered(logger, answer.PermitId, attempts + 1);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            attempts++;
            await outbox.MarkFailedAsync(answer.PermitId, attempts, Describe(error), park: true, clock.GetUtcNow(), CancellationToken.None);
            LogParked(logger, answer.PermitId, attempts);
        }
        finally
        {
            lock (_inFlight)
            {
                _inFlight.Remove(answer.PermitId);
                _endedSinceRead.Add(answer.PermitId);
            }
        }
    }

    /// <summary>Retries for the attempts left; with one left, a single attempt.</summary>
    private static ResiliencePipeline Pipeline(ReviewOptions settings, int attemptsLeft, Func<Exception?, ValueTask> onRetry) =>
        attemptsLeft <= 1 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            MaxRetryAttempts = attemptsLeft - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.DeliveryBaseDelay,
            MaxDelay = settings.DeliveryMaxDelay,
            OnRetry = args => onRetry(args.Outcome.Exception),
        }).Build();

    /// <summary>The failure in words without personal data: its type and reason code only.</summary>
    private static string Describe(Exception? error) => error switch
    {
        null => "",
        Domain.Errors.DomainException refusal => refusal.Reason,
        _ => error.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered the held answer of permit {PermitId} after {Attempts} attempts")]
    private static partial void LogDelivered(ILogger logger, string permitId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parked the delivery of permit {PermitId} after {Attempts} attempts; an administrator may retry it")]
    private static partial void LogParked(ILogger logger, string permitId, int attempts);
}
