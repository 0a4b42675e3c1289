using System.Diagnostics;
using System.Globalization;
using Linkage.Domain.Symbols;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Benchmarks;

/// <summary>
/// DESIGN §7, symbol batch acquisition: the initial load of 155,000 people end to end, under 30 s. Address system →
/// registry (acquisition numbers, in bulk) → gateway AcquireSymbols stream → hub IssueSymbols → registry redeem →
/// gateway store; every host in this process on loopback with mutual TLS, as in the tests.
/// </summary>
public sealed class SymbolsBenchmark : IBenchmark
{
    private const int People = 155_000;
    private const int WarmUp = 5_000;
    private const double TargetSeconds = 30;

    public string Name => "symbols";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        await using var network = await TestNetwork.StartAsync(populationSize: People);

        // JIT and connection warm-up through the same code paths, on the other gateway so the measured one starts empty.
        var warmUp = await network.AddressSystem(network.MitoGateway).AcquireAllAsync(0, WarmUp, ct);
        if (warmUp.Gateway.Acquired != WarmUp) throw new InvalidOperationException("The warm-up batch did not acquire every symbol.");

        var clock = Stopwatch.StartNew();
        var result = await network.AddressSystem(network.Hitachi).AcquireAllAsync(0, People, ct);
        var seconds = clock.Elapsed.TotalSeconds;

        var stored = await network.Hitachi.Services.GetRequiredService<ISymbolStore>().CountAsync(ct);
        var gateway = result.Gateway;
        if (gateway.Acquired != People || gateway.Failed != 0 || result.RegistryRefusals.Count != 0 || stored != People)
            throw new InvalidOperationException(
                $"Incomplete load: {gateway.Acquired} acquired, {gateway.Failed} failed, {result.RegistryRefusals.Count} refused, {stored} stored.");

        var settings = network.Hitachi.Services.GetRequiredService<SymbolBatchSettings>();
        return string.Create(CultureInfo.InvariantCulture, $"""
            ## symbols — batch symbol acquisition

            Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC. Initial load of {People:N0} people end to end: address system →
            resident registry (acquisition numbers, {AddressSystem.Sim.AddressSystem.RegistryBatch:N0} per call) → gateway
            `AcquireSymbols` stream → hub `IssueSymbols` ({settings.ChunkSize:N0} per chunk, {settings.Parallelism} chunks in flight) →
            registry redeem → gateway store (one transaction per chunk, synchronous=FULL). Registry, hub and two gateways
            in this process on loopback with mutual TLS; {WarmUp:N0} people acquired at the other gateway first as warm-up.

            | measure | value |
            |---|---|
            | people | {People:N0} |
            | wall time | {seconds:F1} s |
            | rate | {People / seconds:N0} people/s |
            | target (DESIGN §7) | under {TargetSeconds:F0} s — {(seconds < TargetSeconds ? "met" : "NOT met")} |
            | mappings stored | {stored:N0} |

            """);
    }
}
