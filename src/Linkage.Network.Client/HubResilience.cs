using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Linkage.Network.Client;

/// <summary>
/// Retry with exponential back-off and jitter, then a circuit breaker, for repeatable calls to the hub. Only transport
/// failures are handled: a refusal by the hub (permission, bad input) is an answer and is never retried. Chaos, when
/// configured, goes innermost (<see cref="HubChaos"/>).
/// </summary>
public static class HubResilience
{
    private static bool IsTransient(RpcException error) =>
        error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted
        || Transport.DomainStatus.IsBrokenTransport(error);

    public static ResiliencePipeline Build(NetworkClientOptions options) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsTransient),
            MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
            Delay = options.RetryBaseDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsTransient),
            FailureRatio = 0.5,
            MinimumThroughput = 10,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = options.BreakDuration,
        })
        .AddHubChaos(options.Chaos)
        .Build();

    /// <summary>For calls that are never repeated: the chaos of <see cref="NetworkClientOptions.Chaos"/>; null without it.</summary>
    public static ResiliencePipeline? BuildOnce(NetworkClientOptions options) =>
        options.Chaos.Enabled ? new ResiliencePipelineBuilder().AddHubChaos(options.Chaos).Build() : null;
}
