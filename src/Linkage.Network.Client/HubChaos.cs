using Grpc.Core;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;

namespace Linkage.Network.Client;

/// <summary>Polly's chaos strategies (latency, then fault) on the hub client, as <see cref="HubChaosOptions"/> say.</summary>
public static class HubChaos
{
    /// <summary>Adds the chaos strategies innermost, so that retries and the circuit breaker meet them as real failures.</summary>
    public static ResiliencePipelineBuilder AddHubChaos(this ResiliencePipelineBuilder builder, HubChaosOptions chaos)
    {
        if (!chaos.Enabled) return builder;
        var draws = chaos.Seed is { } seed ? Seeded(seed) : null;
        if (chaos.LatencyRate > 0)
        {
            var latency = new ChaosLatencyStrategyOptions { InjectionRate = chaos.LatencyRate, Latency = chaos.Latency };
            if (draws is not null) latency.Randomizer = draws;
            builder.AddChaosLatency(latency);
        }
        if (chaos.FaultRate > 0)
        {
            var fault = new ChaosFaultStrategyOptions
            {
                InjectionRate = chaos.FaultRate,
                FaultGenerator = static _ => ValueTask.FromResult<Exception?>(
                    new RpcException(new Status(StatusCode.Unavailable, "Injected by Network:Chaos before the call left."))),
            };
            if (draws is not null) fault.Randomizer = draws;
            builder.AddChaosFault(fault);
        }
        return builder;
    }

    private static Func<double> Seeded(int seed)
    {
        var random = new Random(seed);
        var gate = new Lock();
        return () =>
        {
            lock (gate) return random.NextDouble();
        };
    }
}
