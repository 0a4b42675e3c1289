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

    /// <summary>One start of the node: how long it took, what it costs idle right after, and the load measured then.</summary>
    private sealed record Phase(int Institutions, TimeSpan Start, Footprint Idle, IdleCost IdleCost, List<LoadRun.Result> Rounds, Footprint? Loaded)
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
        // Answers other than Provided, by outcome and reason: each counts as a failure of its round and is named in the
        // section; more than one in a hundred of all answers so far means the benchmark measures refusals, and stops.
        var unexpected = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var answered = 0;
        void RequireProvided()
        {
            if (unexpected.Values.Sum() * 100 > answered)
                throw new InvalidOperationException("Provisions answered other than Provided: " + string.Join(", ", unexpected.Select(u => $"{u.Key} × {u.Value}")) +
                    "; the node's and institutions' errors: " + string.Join(" | ", platform.Problems.Errors.Take(5)));
        }
        // 1, 100, 1, then a restart of the 100 (every schema there and migrated, as after a crash or an upgrade) without load.
        foreach (var (count, rounds) in new[] { (1, RoundsOfOne), (Institutions, 2 * RoundsOfOne), (1, RoundsOfOne), (Institutions, 0) })
        {
            Console.WriteLine($"node with {count} institutions");
            GC.Collect();
            var clock = Stopwatch.StartNew();
            await platform.StartNodeAsync(count);
            var started = clock.Elapsed;
            // Idle first, after its start has settled: what the institutions cost when nobody calls.
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            var idleCost = await IdleCostAsync(ct);
            var idle = await FootprintAsync(ct);
            var results = new List<LoadRun.Result>();
            Footprint? loaded = null;
            if (rounds > 0)
            {
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
                        Interlocked.Increment(ref answered);
                        ProvisionAnswer answer;
                        try
                        {
                            answer = await client.ProvideAsync(r);
                        }
                        catch (Grpc.Core.RpcException error)
                        {
                            unexpected.AddOrUpdate($"{error.StatusCode} {error.Status.Detail}", 1, (_, n) => n + 1);
                            throw;
                        }
                        if (answer.Outcome != ProvisionOutcome.Provided)
                        {
                            unexpected.AddOrUpdate($"{answer.Outcome} {answer.NotProvidedReason}", 1, (_, n) => n + 1);
                            throw new InvalidOperationException($"Outcome {answer.Outcome} {answer.NotProvidedReason}.");
                        }
                    });
                }
                for (var round = 1; round <= WarmUpRounds; round++) await RoundAsync(CallsPerRound / 2);
                RequireProvided();
                for (var round = 1; round <= rounds; round++)
                {
                    Console.WriteLine($"round {round}");
                    results.Add(await RoundAsync(CallsPerRound));
                }
                RequireProvided();
                loaded = await FootprintAsync(ct);
            }
            phases.Add(new Phase(count, started, idle, idleCost, results, loaded));
            await platform.StopNodeAsync();
        }
        var failures = unexpected.IsEmpty ? "" : "\n\nAnswers other than Provided (each a failure above): " +
            string.Join(", ", unexpected.Select(u => $"{u.Key} × {u.Value}")) + "; errors logged by the node and its institutions: " +
            string.Join(" | ", platform.Problems.Errors.Take(5)) + "\n";
        return Report(phases, withoutNode, loadBefore, BenchMachine.LoadAverage(), await BenchPostgres.VersionAsync(ct)) + failures;
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

    private static string Report(List<Phase> phases, Footprint withoutNode, string loadBefore, string loadAfter, string version)
    {
        var loadedPhases = phases.Where(p => p.Rounds.Count > 0).ToList();
        var ones = loadedPhases.Where(p => p.Institutions == 1).ToList();
        var many = loadedPhases.Single(p => p.Institutions == Institutions);
        var restart = phases[^1];
        var oneRounds = ones.SelectMany(p => p.Rounds).ToList();
        var onePerSecond = oneRounds.Sum(r => r.Calls) / oneRounds.Sum(r => r.Elapsed.TotalSeconds);
        var oneLatencies = Latencies.Combine(oneRounds.Select(r => r.Latencies));
        var oneCpu = oneRounds.Sum(r => r.ProcessorTime.TotalMicroseconds) / oneRounds.Sum(r => r.Calls);
        var ratio = many.PerSecond / onePerSecond;
        // The 100's first half of rounds against the first phase of 1, its second half against the last.
        var pairs = many.Rounds.Take(RoundsOfOne).Zip(ones[0].Rounds).Concat(many.Rounds.Skip(RoundsOfOne).Zip(ones[1].Rounds))
            .Select(p => p.First.PerSecond / p.Second.PerSecond).Order().ToArray();
        var median = (pairs[(pairs.Length - 1) / 2] + pairs[pairs.Length / 2]) / 2;
        static string Pg(Footprint f) => f.Postgres is { } pg ? $"{MiB(pg.Bytes)} ({pg.Processes} processes, {pg.ClientBackends} client connections)" : "not readable";
        static string Row(string phase, string institutions, string start, Footprint f, string idleShare, string idleCommits) =>
            $"| {phase} | {institutions} | {start} | {MiB(f.WorkingSet)} | {MiB(f.ManagedHeap)} | {f.Threads} | {f.Inotify} | {Pg(f)} | {idleShare} | {idleCommits} |";
        static string Started(Phase p, int i) => $"{p.Start.TotalSeconds:F1} s" + (i == 0 ? " (its schema migrated at this first start)"
            : i == 1 ? $" ({Institutions - 1} schemas migrated at this first start)" : p.Institutions == Institutions ? " (every schema migrated already)" : "");
        var lines = new List<string>
        {
            $"## Provision with {Institutions} institutions on the platform node vs 1 (`BENCH=provision-institutions make bench`)",
            "",
            $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {BenchMachine.Describe(Path.GetTempPath())}; load average (1 / 5 / 15 min) {loadBefore} at the start, {loadAfter} at the end.",
            $"One platform node (PlatformNode, ADR 0011) in this process with the registry and hub simulators, on PostgreSQL {version} (a local throwaway cluster of " +
            $"scripts/pg-local.sh, fsync on): every institution a complete gateway with its own schema and role in one database (ADR 0012), its own key-encryption key, " +
            $"checkpoint key and client certificate. The benchmark plays the hub: {Concurrency} concurrent provisions to Hitachinaka through the node " +
            $"(linkage-audience header), {Residents} residents, each call the full provision (permit, look-ups, decryption, sealed answer, durable record). " +
            $"The node was started four times on the same database: with 1 institution ({RoundsOfOne} measured rounds), with {Institutions} ({2 * RoundsOfOne} rounds), " +
            $"with 1 again ({RoundsOfOne} rounds), so that a drift of the shared machine falls on both sides alike, and once more with {Institutions} without load, " +
            $"to time a restart; {WarmUpRounds} warm-up rounds of {CallsPerRound / 2:N0} after each start, then rounds of {CallsPerRound:N0}, each on a settled process. " +
            "Every answer was checked to be Provided.",
            "",
            "Why PostgreSQL schemas and not 100 SQLite files: the platform runs on PostgreSQL (ADR 0012: one schema and role per institution, so that no bug of ours " +
            "reaches another institution's rows); 100 SQLite tenants would measure the embedded single-municipality deployment, not the platform's. " +
            "Each tenant here costs what it costs on the platform: its gateway's services and threads in the node, its connections and their backends in the cluster.",
            "",
            "| phase | institutions | calls/s | p50 ms | p99 ms | CPU µs/call | failures |",
            "|---|---|---|---|---|---|---|",
        };
        lines.AddRange(loadedPhases.Select((p, i) =>
            $"| {i + 1} | {p.Institutions} | {F(p.PerSecond)} | {F(p.Latencies.Percentile(50))} | {F(p.Latencies.Percentile(99))} | {F(p.CpuMicrosecondsPerCall)} | {p.Rounds.Sum(r => r.Failures)} |"));
        lines.Add("");
        lines.Add("| round | " + string.Join(" | ", loadedPhases.Select((p, i) => $"phase {i + 1} ({p.Institutions}) calls/s | p99 ms")) + " |");
        lines.Add("|---|" + string.Concat(loadedPhases.Select(_ => "---|---|")));
        for (var round = 0; round < 2 * RoundsOfOne; round++)
            lines.Add($"| {round + 1} | " + string.Join(" | ", loadedPhases.Select(p => round < p.Rounds.Count ? $"{F(p.Rounds[round].PerSecond)} | {F(p.Rounds[round].P99)}" : "– | –")) + " |");
        lines.Add("");
        lines.Add($"Overall: 1 institution {F(onePerSecond)} calls/s (p99 {F(oneLatencies.Percentile(99))} ms), {Institutions} institutions {F(many.PerSecond)} calls/s " +
            $"(p99 {F(many.Latencies.Percentile(99))} ms): **{R(ratio)}×** (bar: ≥ 0.85× — {(ratio >= 0.85 ? "passed" : "FAILED")}; median of the " +
            $"{pairs.Length} paired rounds' ratios {R(median)}×), p99 {R(many.Latencies.Percentile(99) / oneLatencies.Percentile(99))}× the single institution's. " +
            $"Processor time of this process per call {F(many.CpuMicrosecondsPerCall)} µs against {F(oneCpu)} µs.");
        lines.Add("");
        lines.Add("What the node costs, idle (measured 5 s after each start: this process's share of the cores and the cluster's commits per second over 10 s with no calls, " +
            "then memory and threads after a full collection) and after the measured rounds. The process holds the registry and hub simulators too (the row before any node).");
        lines.Add("");
        lines.Add("| when | institutions | start (until the node listens and Hitachinaka serves) | process working set | managed heap | threads | inotify fds | PostgreSQL processes (Pss) | idle: process share of cores | idle: commits/s |");
        lines.Add("|---|---|---|---|---|---|---|---|---|---|");
        lines.Add(Row("before any node", "–", "–", withoutNode, "–", "–"));
        for (var i = 0; i < phases.Count; i++)
        {
            var p = phases[i];
            var name = p.Rounds.Count > 0 ? $"phase {i + 1}" : "restart";
            lines.Add(Row($"{name}, idle", p.Institutions.ToString(CultureInfo.InvariantCulture), Started(p, i), p.Idle,
                p.IdleCost.CoreShare.ToString("P1", CultureInfo.InvariantCulture), F(p.IdleCost.CommitsPerSecond)));
            if (p.Loaded is { } loaded) lines.Add(Row($"{name}, after its rounds", p.Institutions.ToString(CultureInfo.InvariantCulture), "", loaded, "", ""));
        }
        lines.Add("");
        var one = ones[0].Idle;
        var hundred = many.Idle;
        var others = Institutions - 1;
        lines.Add($"Each further institution, idle (phase 2 against phase 1, over {others}): process working set " +
            $"{F((hundred.WorkingSet - one.WorkingSet) / 1024.0 / 1024 / others)} MiB, managed heap {F((hundred.ManagedHeap - one.ManagedHeap) / 1024.0 / 1024 / others)} MiB, " +
            $"threads {(hundred.Threads - one.Threads) / (double)others:0.00}" +
            (hundred.Postgres is { } h && one.Postgres is { } o
                ? $", PostgreSQL processes {F((h.Bytes - o.Bytes) / 1024.0 / 1024 / others)} MiB and {(h.ClientBackends - o.ClientBackends) / (double)others:0.00} client connections"
                : "") +
            $", {(many.IdleCost.CoreShare - ones[0].IdleCost.CoreShare) * Environment.ProcessorCount / others * 1000:0.0} thousandths of a core and " +
            $"{(many.IdleCost.CommitsPerSecond - ones[0].IdleCost.CommitsPerSecond) / others:0.00} commits/s; " +
            $"start {many.Start.TotalSeconds:F1} s with the {others} schemas created, {restart.Start.TotalSeconds:F1} s for a restart of all {Institutions}.");
        return string.Join('\n', lines) + "\n";
    }
}
