using Grpc.Core;
using Linkage.Crypto;
using Linkage.Network.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;

namespace Linkage.Gateway.Tests;

/// <summary>
/// Polly's chaos on the gateway's calls to the hub (Network:Chaos): off unless configured, failing calls before they
/// leave as the retries and the circuit breaker see real transport failures, and replayable with a seed.
/// </summary>
public sealed class HubChaosTests
{
    private static NetworkClientOptions Options(HubChaosOptions chaos) => new()
    {
        HubAddress = "https://localhost:7300", HubInstitutionCode = "9000000000000001",
        MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(10), Chaos = chaos,
    };

    [Fact]
    public void Chaos_is_off_unless_configured()
    {
        var options = Resolve([]);
        Assert.False(options.Chaos.Enabled);
        Assert.Null(HubResilience.BuildOnce(options));
    }

    [Fact]
    public void Chaos_is_read_from_the_networks_settings_and_rates_beyond_one_are_refused()
    {
        var options = Resolve(new() { ["Network:Chaos:FaultRate"] = "0.2", ["Network:Chaos:LatencyRate"] = "0.1", ["Network:Chaos:Seed"] = "7" });
        Assert.Equal((0.2, 0.1, 7), (options.Chaos.FaultRate, options.Chaos.LatencyRate, options.Chaos.Seed));
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Network:Chaos:FaultRate"] = "1.5" }));
        Assert.Contains("Chaos:FaultRate", error.Message);
    }

    [Fact]
    public async Task A_fault_rate_of_one_fails_every_attempt_before_it_leaves_as_unavailable()
    {
        var options = Options(new HubChaosOptions { FaultRate = 1 });
        foreach (var pipeline in new[] { HubResilience.Build(options), HubResilience.BuildOnce(options)! })
        {
            var calls = 0;
            var error = await Assert.ThrowsAsync<RpcException>(() => pipeline.ExecuteAsync(_ =>
            {
                calls++;
                return ValueTask.FromResult(1);
            }).AsTask());
            Assert.Equal((StatusCode.Unavailable, 0), (error.StatusCode, calls));
        }
    }

    [Fact]
    public async Task The_same_seed_fails_the_same_calls_and_another_seed_others()
    {
        var first = await InjectedAsync(seed: 5);
        Assert.Equal(first, await InjectedAsync(seed: 5));
        Assert.NotEqual(first, await InjectedAsync(seed: 6));
        Assert.InRange(first.Count(injected => injected), 30, 90);
    }

    /// <summary>Which of 200 calls, one after another, chaos failed.</summary>
    private static async Task<List<bool>> InjectedAsync(int seed)
    {
        var pipeline = HubResilience.BuildOnce(Options(new HubChaosOptions { FaultRate = 0.3, Seed = seed }))!;
        var injected = new List<bool>();
        for (var i = 0; i < 200; i++)
        {
            var outcome = await pipeline.ExecuteOutcomeAsync((_, _) => ValueTask.FromResult(Outcome.FromResult(true)),
                ResilienceContextPool.Shared.Get(), 0);
            injected.Add(outcome.Exception is RpcException);
        }
        return injected;
    }

    private static NetworkClientOptions Resolve(Dictionary<string, string?> settings)
    {
        settings["Network:HubAddress"] = "https://localhost:7300";
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddNetworkClient(_ => new Ed25519SignatureVerifier(Ed25519Keys.Generate().PublicKey, "hub-1"), _ => "9000000000000001");
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<NetworkClientOptions>>().Value;
    }
}
