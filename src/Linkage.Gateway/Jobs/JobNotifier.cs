using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Linkage.Domain;
using Linkage.Gateway.Options;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Linkage.Gateway.Jobs;

/// <summary>
/// Tells the configured endpoint (<see cref="NotificationOptions.Endpoint"/>) when a job turns failing or recovers: a
/// small JSON POST with the job's name, the outcome, the reason code, the time and our institution code, and nothing
/// about any person. The job only queues the notification (<see cref="Changed"/> never waits); this service posts them
/// in order, each attempt within the timeout, retried with exponential back-off and jitter (Polly); one that still fails
/// is logged and given up, as the next turn will be told anyway.
/// </summary>
public sealed partial class JobNotifier(IOptions<NotificationOptions> options, InstitutionScope scope, ILogger<JobNotifier> logger)
    : BackgroundService, IJobWatcher
{
    // Turns are rare (one per spell of failures, not one per failure); the bound only keeps an endpoint that is down for
    // days from costing memory.
    private const int Capacity = 1000;

    private readonly Channel<JobTransition> _queue = Channel.CreateBounded<JobTransition>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    // Our own client: the factory's would log the endpoint's URL, which may carry a token. The pipeline times each attempt.
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public void Changed(JobTransition transition)
    {
        if (options.Value.EndpointUri is null) return;
        if (!_queue.Writer.TryWrite(transition)) LogDropped(logger, transition.Job);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.EndpointUri is not { } endpoint) return;
        var pipeline = Pipeline(settings);
        try
        {
            await foreach (var transition in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await pipeline.ExecuteAsync(async token => await PostAsync(endpoint, transition, token), stoppingToken);
                    LogSent(logger, transition.Job, transition.Outcome);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    var reason = JobBoard.ReasonOf(error);
                    LogGaveUp(logger, transition.Job, transition.Outcome, reason);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    /// <summary>The body posted, camelCase: {"job", "outcome": "failed"|"ok", "reason", "at", "institutionCode"}.</summary>
    public sealed record Notification(string Job, string Outcome, string Reason, DateTimeOffset At, string InstitutionCode);

    private async Task PostAsync(Uri endpoint, JobTransition transition, CancellationToken ct)
    {
        var body = new Notification(transition.Job, Outcome(transition.Outcome), transition.Reason, transition.At, scope.Code.Value);
        using var response = await _client.PostAsJsonAsync(endpoint, body, JsonSerializerOptions.Web, ct);
        response.EnsureSuccessStatusCode();
    }

    private static string Outcome(JobOutcome outcome) => outcome == JobOutcome.Failed ? "failed" : "ok";

    /// <summary>Retries (when more than one attempt is configured) around a timeout per attempt.</summary>
    private static ResiliencePipeline Pipeline(NotificationOptions settings)
    {
        var builder = new ResiliencePipelineBuilder();
        if (settings.Attempts > 1)
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(Transient).Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = settings.Attempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
            });
        return builder.AddTimeout(settings.Timeout).Build();
    }

    /// <summary>No answer, a server error, or "later": worth another attempt. Another refusal will not change by itself.</summary>
    private static bool Transient(HttpRequestException error) => error.StatusCode is null
        or >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    [LoggerMessage(Level = LogLevel.Information, Message = "Notified that job {Job} is {Outcome}")]
    private static partial void LogSent(ILogger logger, string job, JobOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify that job {Job} is {Outcome} ({Reason}); given up")]
    private static partial void LogGaveUp(ILogger logger, string job, JobOutcome outcome, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notification queue is full; the change of job {Job} is not notified")]
    private static partial void LogDropped(ILogger logger, string job);
}
