using System.Diagnostics;
using System.Globalization;
using Linkage.Domain.Symbols;
using Linkage.Storage.Database;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Benchmarks;

/// <summary>
/// DESIGN §7, symbol batch acquisition: the initial load of 155,000 people end to end, under 30 s. Address system →
/// registry (acquisition numbers, in bulk) → gateway AcquireSymbols stream → hub IssueSymbols → registry redeem →
/// gateway store; every host in this process on loopback with mutual TLS, as in the tests. With more than one storage
/// provider, one network each, one after the other in this process, the first one's figure the baseline.
/// </summary>
public class SymbolsBenchmark : IBenchmark
{
    private const int People = 155_000;
    private const int WarmUp = 5_000;
    private const double TargetSeconds = 30;

    private readonly IReadOnlyList<StorageProvider> _providers;

    public SymbolsBenchmark() : this("symbols", [StorageProvider.Sqlite]) { }

    protected SymbolsBenchmark(string name, IReadOnlyList<StorageProvider> providers)
    {
        Name = name;
        _providers = providers;
    }

    public string Name { get; }

    public bool NeedsPostgreSql => _providers.Contains(StorageProvider.PostgreSql);

    private sealed record Load(StorageProvider Storage, double Seconds, long Stored, int ChunkSize, int Parallelism,
        IReadOnlyList<(string Table, long Rows, long Bytes)>? Sizes);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var loadBefore = BenchMachine.LoadAverage();
        var loads = new List<Load>();
        foreach (var storage in _providers) loads.Add(await LoadAsync(storage, ct));
        var loadAfter = BenchMachine.LoadAverage();
        var alone = loads.Count == 1;
        static string Label(StorageProvider storage) => storage == StorageProvider.Sqlite ? "SQLite" : "PostgreSQL";
        var first = loads[0];
        var lines = new List<string>
        {
            alone ? "## symbols — batch symbol acquisition" : $"## {Name} — batch symbol acquisition on {string.Join(" and on ", loads.Select(l => Label(l.Storage)))}",
            "",
            $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; load average (1 / 5 / 15 min) {loadBefore} at the start, {loadAfter} at the end. " +
            $"Initial load of {People:N0} people end to end: address system →",
            $"resident registry (acquisition numbers, {AddressSystem.Sim.AddressSystem.RegistryBatch:N0} per call) → gateway",
            $"`AcquireSymbols` stream → hub `IssueSymbols` ({first.ChunkSize:N0} per chunk, {first.Parallelism} chunks in flight) →",
            "registry redeem → gateway store (one transaction per chunk; " + string.Join("; ", loads.Select(l => l.Storage == StorageProvider.Sqlite
                ? (alone ? "" : "SQLite: ") + "synchronous=FULL"
                : "PostgreSQL: the institution's schema and role on a local cluster of scripts/pg-local.sh, synchronous_commit=on, fsync on")) + "). Registry, hub and two gateways",
            $"in this process on loopback with mutual TLS; {WarmUp:N0} people acquired at the other gateway first as warm-up" +
            (alone ? "." : $"; one network per provider, one after the other ({string.Join(", then ", loads.Select(l => Label(l.Storage)))}), each on its own fresh network."),
            "",
            alone ? "| measure | value |" : "| measure | " + string.Join(" | ", loads.Select(l => Label(l.Storage))) + " |",
            alone ? "|---|---|" : "|---|" + string.Concat(loads.Select(_ => "---|")),
            $"| people | {string.Join(" | ", loads.Select(_ => People.ToString("N0", CultureInfo.InvariantCulture)))} |",
            $"| wall time | {string.Join(" | ", loads.Select(l => l.Seconds.ToString("F1", CultureInfo.InvariantCulture) + " s"))} |",
            $"| rate | {string.Join(" | ", loads.Select(l => (People / l.Seconds).ToString("N0", CultureInfo.InvariantCulture) + " people/s"))} |",
            $"| target (DESIGN §7) | {string.Join(" | ", loads.Select(l => $"under {TargetSeconds:F0} s — {(l.Seconds < TargetSeconds ? "met" : "NOT met")}"))} |",
            $"| mappings stored | {string.Join(" | ", loads.Select(l => l.Stored.ToString("N0", CultureInfo.InvariantCulture)))} |",
        };
        if (!alone)
            lines.Add($"| rate / {Label(first.Storage)}'s rate | {string.Join(" | ", loads.Select(l => (first.Seconds / l.Seconds).ToString("0.00", CultureInfo.InvariantCulture) + "×"))} |");
        lines.Add("");
        foreach (var load in loads.Where(l => l.Sizes is not null))
            lines.Add($"{Label(load.Storage)}'s symbol table after the run (the measured gateway's, through the institution's role):\n\n" + BenchPostgres.SizeTable(load.Sizes!));
        return string.Join('\n', lines) + "\n";
    }

    private static async Task<Load> LoadAsync(StorageProvider storage, CancellationToken ct)
    {
        await using var network = await TestNetwork.StartAsync(populationSize: People, storage: storage);

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
        IReadOnlyList<(string, long, long)>? sizes = null;
        if (storage == StorageProvider.PostgreSql)
        {
            await using var connection = network.ConnectToHitachinaka();
            sizes = await BenchPostgres.TableSizesAsync(connection, ["SymbolMappings"], ct);
        }
        return new Load(storage, seconds, stored, settings.ChunkSize, settings.Parallelism, sizes);
    }
}
