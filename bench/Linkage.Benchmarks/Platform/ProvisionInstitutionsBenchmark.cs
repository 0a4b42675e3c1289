using System.Diagnostics;
using System.Globalization;
using Linkage.Contracts.Network.V1;

namespace Linkage.Benchmarks.Platform;

/// <summary>
/// DESIGN §7 / ADR 0011: provisions to one institution of a platform node that has 100 institutions configured,
/// against the same node with that one alone (bar ≥ 0.85×). One process: registry, hub, and the node started three
/// times on the same PostgreSQL database: with 1 institution, with 100 (twice as many rounds), with 1 again, so that a
/// drift of the shared machine falls on both sides alike. Each start is timed; after each phase the process's and the
/// cluster's memory, threads and what the node does when idle are measured.
/// </summary>
public sealed class ProvisionInstitutionsBenchmark : IBenchmark
{
    // LINKAGE_BENCH_INSTITUTIONS: fewer for a quick try of the benchmark itself; the section's bar is for 100.
    private static readonly int Institutions =
        int.TryParse(Environment.GetEnvironmentVariable("LINKAGE_BENCH_INSTITUTIONS"), out var n) && n > 1 ? n : 100;
    private const int Residents = 500;
    private const int Concurrency = 64;
    private const int CallsPerRound = 8_000;
    private const int WarmUpRounds = 2;
    private const int RoundsOfOne = 4;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    public string Name => "provision-institutions";

    public bool NeedsPostgreSql => true;

    private sealed record Footprint(long WorkingSet, long ManagedHeap, int Threads, int Inotify, (long Bytes, int Processes, int ClientBackends)? Postgres);

    private sealed record IdleCost(double CoreShare, double CommitsPerSecond);

    private sealed record Phase(int Institutions, TimeSpan Start, List<LoadRun.Result> Rounds, Footprint Footprint, IdleCost Idle)
    {
        public double PerSecond => Rounds.Sum(r => r.Calls) / Rounds.Sum(r => r.Elapsed.TotalSeconds);
        public Latencies Latencies => Latencies.Combine(Rounds.Select(r => r.Latencies));
        public double CpuMicrosecondsPerCall => Rounds.Sum(r => r.ProcessorTime.TotalMicroseconds) / Rounds.Sum(r => r.Calls);
    }

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var loadBefore = BenchMachine.LoadAverage();
        await using var platform = await BenchPlatform.StartAsync(Institutions, Residents, ct);
        var withoutNode = await FootprintAsync(ct);
        var symbols = Enumerable.Range(0, Residents).Select(platform.ProviderSymbol).ToArray();
        var phases = new List<Phase>();
        foreach (var (count, rounds) in new[] { (1, RoundsOfOne), (Institutions, 2 * RoundsOfOne), (1, RoundsOfOne) })
        {
            Console.WriteLine($"node with {count} institutions");
            GC.Collect();
            var clock = Stopwatch.StartNew();
            await platform.StartNodeAsync(count);
            var started = clock.Elapsed;
            if (phases.Count == 0) await platform.ProvideableResidentsAsync();
            var client = new Contracts.V1.Provision.ProvisionClient(platform.AsHub(BenchPlatform.Measured));
            async Task<LoadRun.Result> RoundAsync(int calls)
            {
                var requests = Enumerable.Range(0, calls).Select(i => platform.Inquiry(symbols[i % Residents])).ToList();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                return await LoadRun.RunAsync(requests, Concurrency, async r =>
                {
                    var answer = await client.ProvideAsync(r);
                    if (answer.Outcome != ProvisionOutcome.Provided) throw new InvalidOperationException($"Outcome {answer.Outcome}.");
                });
            }
            for (var round = 1; round <= WarmUpRounds; round++) await RoundAsync(CallsPerRound / 2);
            var results = new List<LoadRun.Result>();
            for (var round = 1; round <= rounds; round++)
            {
                Console.WriteLine($"round {round}");
                results.Add(await RoundAsync(CallsPerRound));
            }
            var footprint = await FootprintAsync(ct);
            phases.Add(new Phase(count, started, results, footprint, await IdleCostAsync(ct)));
            await platform.StopNodeAsync();
        }

        // A restart of the 100: every schema is there and migrated, as after a node's crash or an upgrade.
        GC.Collect();
        var restartClock = Stopwatch.StartNew();
        await platform.StartNodeAsync(Institutions);
        var restart = restartClock.Elapsed;
        var restartFootprint = await FootprintAsync(ct);
        await platform.StopNodeAsync();

        return Report(phases, withoutNode, restart, restartFootprint, loadBefore, BenchMachine.LoadAverage(), await BenchPostgres.VersionAsync(ct));
    }

    /// <summary>This process's memory and threads after a full collection, and the cluster's processes.</summary>
    private static async Task<Footprint> FootprintAsync(CancellationToken ct)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var inotify = 0;
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
                if (new FileInfo(fd).LinkTarget is { } target && target.Contains("inotify", StringComparison.Ordinal)) inotify++;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return new Footprint(process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), process.Threads.Count, inotify,
            await BenchPostgres.ServerMemoryAsync(ct));
    }

    /// <summary>What the node costs when nobody calls: this process's share of the cores and the cluster's commits per
    /// second over <see cref="Idle"/> (the institutions' jobs: checkpoints, outbox, retention, leader locks).</summary>
    private static async Task<IdleCost> IdleCostAsync(CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var before = await BenchPostgres.ActivityAsync(ct);
        var processor = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.Delay(Idle, ct);
        var busy = Process.GetCurrentProcess().TotalProcessorTime - processor;
        var elapsed = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var commits = (await BenchPostgres.ActivityAsync(ct)).Minus(before).Commits;
        // The counters also took the 2 s before the second reading: divide by all of it.
        return new IdleCost(busy / elapsed / Environment.ProcessorCount, commits / (elapsed.TotalSeconds + 2));
    }

    private static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string MiB(long bytes) => (bytes / 1024.0 / 1024).ToString("N0", CultureInfo.InvariantCulture) + " MiB";

    private static string Report(List<Phase> phases, Footprint withoutNode, TimeSpan restart, Footprint restartFootprint,
        string loadBefore, string loadAfter, string version)
    {
        var ones = phases.Where(p => p.Institutions == 1).ToList();
        var many = phases.Single(p => p.Institutions == Institutions);
        var oneRounds = ones.SelectMany(p => p.Rounds).ToList();
        var onePerSecond = oneRounds.Sum(r => r.Calls) / oneRounds.Sum(r => r.Elapsed.TotalSeconds);
        var oneLatencies = Latencies.Combine(oneRounds.Select(r => r.Latencies));
        var ratio = many.PerSecond / onePerSecond;
        // The 100's first half of rounds against the first phase of 1, its second half against the last.
        var pairs = many.Rounds.Take(RoundsOfOne).Zip(ones[0].Rounds).Concat(many.Rounds.Skip(RoundsOfOne).Zip(ones[1].Rounds))
            .Select(p => p.First.PerSecond / p.Second.PerSecond).Order().ToArray();
        var median = (pairs[(pairs.Length - 1) / 2] + pairs[pairs.Length / 2]) / 2;
        static string Pg(Footprint f) => f.Postgres is { } pg ? $"{MiB(pg.Bytes)} ({pg.Processes} processes, {pg.ClientBackends} client connections)" : "not readable";
        var lines = new List<string>
        {
            $"## Provision with {Institutions} institutions on the platform node vs 1 (`BENCH=provision-institutions make bench`)",
            "",
            $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {BenchMachine.Describe(Path.GetTempPath())}; load average (1 / 5 / 15 min) {loadBefore} at the start, {loadAfter} at the end.",
            $"One platform node (PlatformNode, ADR 0011) in this process with the registry and hub simulators, on PostgreSQL {version} (a local throwaway cluster of " +
            $"scripts/pg-local.sh, fsync on): every institution a complete gateway with its own schema and role in one database (ADR 0012), its own key-encryption key, " +
            $"checkpoint key and client certificate. The benchmark plays the hub: {Concurrency} concurrent provisions to Hitachinaka through the node " +
            $"(linkage-audience header), {Residents} residents, each call the full provision (permit, look-ups, decryption, sealed answer, durable record). " +
            $"The node was started three times on the same database, with 1 institution ({RoundsOfOne} rounds), with {Institutions} ({2 * RoundsOfOne} rounds), " +
            $"with 1 again ({RoundsOfOne} rounds), so that a drift of the shared machine falls on both sides alike; {WarmUpRounds} warm-up rounds of " +
            $"{CallsPerRound / 2:N0} after each start, then rounds of {CallsPerRound:N0}, each on a settled process.",
            "",
            "Why PostgreSQL schemas and not 100 SQLite files: the platform runs on PostgreSQL (ADR 0012, one schema and role per institution, so that no bug of ours " +
            "reaches another institution's rows); 100 SQLite tenants would measure the embedded single-municipality deployment, not the platform's. " +
            "Each tenant here is what it costs on the platform: its gateway's services and threads in the node, its connections and their backends in the cluster.",
            "",
            "| phase | institutions | start (until the node listens and Hitachinaka serves) | calls/s | p50 ms | p99 ms | CPU µs/call | failures | process working set | managed heap | threads | inotify fds | PostgreSQL processes (Pss) | idle: process share of cores | idle: commits/s |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
            $"| before any node | – | – | – | – | – | – | – | {MiB(withoutNode.WorkingSet)} | {MiB(withoutNode.ManagedHeap)} | {withoutNode.Threads} | {withoutNode.Inotify} | {Pg(withoutNode)} | – | – |",
        };
        lines.AddRange(phases.Select((p, i) =>
            $"| {i + 1} | {p.Institutions} | {p.Start.TotalSeconds:F1} s{(i == 0 ? " (schema migrated at first start)" : p.Institutions == Institutions ? $" ({Institutions - 1} schemas migrated at first start)" : "")} | " +
            $"{F(p.PerSecond)} | {F(p.Latencies.Percentile(50))} | {F(p.Latencies.Percentile(99))} | {F(p.CpuMicrosecondsPerCall)} | {p.Rounds.Sum(r => r.Failures)} | " +
            $"{MiB(p.Footprint.WorkingSet)} | {MiB(p.Footprint.ManagedHeap)} | {p.Footprint.Threads} | {p.Footprint.Inotify} | {Pg(p.Footprint)} | " +
            $"{p.Idle.CoreShare:P1} | {F(p.Idle.CommitsPerSecond)} |"));
        lines.Add($"| restart | {Institutions} | {restart.TotalSeconds:F1} s (every schema migrated already) | – | – | – | – | – | {MiB(restartFootprint.WorkingSet)} | " +
            $"{MiB(restartFootprint.ManagedHeap)} | {restartFootprint.Threads} | {restartFootprint.Inotify} | {Pg(restartFootprint)} | – | – |");
        lines.Add("");
        lines.Add("Memory and threads are read after each phase's measured rounds (after a full collection), the restart's right after it started; " +
            "the idle columns over 10 s with no calls after the rounds.");
        lines.Add("");
        lines.Add("| round | " + string.Join(" | ", phases.Select((p, i) => $"phase {i + 1} ({p.Institutions}) calls/s | p99 ms")) + " |");
        lines.Add("|---|" + string.Concat(phases.Select(_ => "---|---|")));
        for (var round = 0; round < 2 * RoundsOfOne; round++)
            lines.Add($"| {round + 1} | " + string.Join(" | ", phases.Select(p => round < p.Rounds.Count ? $"{F(p.Rounds[round].PerSecond)} | {F(p.Rounds[round].P99)}" : "– | –")) + " |");
        lines.Add("");
        var first = ones[0].Footprint;
        lines.Add($"Overall: 1 institution {F(onePerSecond)} calls/s (p99 {F(oneLatencies.Percentile(99))} ms), {Institutions} institutions {F(many.PerSecond)} calls/s " +
            $"(p99 {F(many.Latencies.Percentile(99))} ms): **{R(ratio)}×** (bar: ≥ 0.85× — {(ratio >= 0.85 ? "passed" : "FAILED")}; median of the " +
            $"{pairs.Length} paired rounds' ratios {R(median)}×), p99 {R(many.Latencies.Percentile(99) / oneLatencies.Percentile(99))}× the single institution's. " +
            $"Processor time per call {F(many.CpuMicrosecondsPerCall)} µs against {F(ones.Sum(p => p.CpuMicrosecondsPerCall * p.Rounds.Sum(r => r.Calls)) / oneRounds.Sum(r => r.Calls))} µs.");
        lines.Add("");
        lines.Add($"Cost of the {Institutions - 1} further institutions (phase 2 against phase 1): process working set " +
            $"+{MiB(many.Footprint.WorkingSet - first.WorkingSet)} ({F((many.Footprint.WorkingSet - first.WorkingSet) / 1024.0 / 1024 / (Institutions - 1))} MiB each), " +
            $"managed heap +{MiB(many.Footprint.ManagedHeap - first.ManagedHeap)}, threads +{many.Footprint.Threads - first.Threads}" +
            (many.Footprint.Postgres is { } m && first.Postgres is { } f
                ? $", PostgreSQL processes +{MiB(m.Bytes - f.Bytes)} ({F((m.Bytes - f.Bytes) / 1024.0 / 1024 / (Institutions - 1))} MiB each) and +{m.ClientBackends - f.ClientBackends} client connections"
                : "") +
            $"; start {many.Start.TotalSeconds:F1} s with the {Institutions - 1} schemas created, {restart.TotalSeconds:F1} s for a restart of all {Institutions}.");
        return string.Join('\n', lines) + "\n";
    }
}
