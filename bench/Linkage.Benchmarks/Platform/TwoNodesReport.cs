using System.Globalization;
using static Linkage.Benchmarks.Platform.ProvisionTwoNodesBenchmark;

namespace Linkage.Benchmarks.Platform;

/// <summary>The section of provision-two-nodes: the rounds, where the processor time of a provision went, and what
/// the figures say about a second node on a machine of its own, which this machine cannot show.</summary>
internal static class TwoNodesReport
{
    /// <summary>What the run left behind: records per node, checkpoints per chain, answers, the nodes' logged problems.</summary>
    public sealed record Facts(IReadOnlyList<(string Node, long Count)> Records, IReadOnlyList<(string Chain, long Count)> Sealed,
        IReadOnlyList<(string Chain, long Count)> Witnessed, int Provided, IReadOnlyDictionary<string, int> Unexpected,
        IReadOnlyList<(string Node, IReadOnlyList<string> Problems)> Problems, long[] WorkingSets);

    /// <summary>One configuration over all its measured rounds.</summary>
    private sealed record Totals(IReadOnlyList<Run> Runs)
    {
        public int Calls => Runs.Sum(r => r.Load.Calls);
        public double Seconds => Runs.Sum(r => r.Load.Elapsed.TotalSeconds);
        public double PerSecond => Calls / Seconds;
        public Latencies Latencies => Latencies.Combine(Runs.Select(r => r.Load.Latencies));
        public double Node(int i) => Runs.Sum(r => r.Nodes[i].TotalMicroseconds) / Calls;
        public double Nodes => Runs.Sum(r => r.Nodes.Sum(n => n.TotalMicroseconds)) / Calls;
        public double? Server => Runs.All(r => r.Server is not null) ? Runs.Sum(r => r.Server!.Value.TotalMicroseconds) / Calls : null;
        public double Generator => Runs.Sum(r => r.Load.ProcessorTime.TotalMicroseconds) / Calls;
        public double All => Nodes + (Server ?? 0) + Generator;

        /// <summary>Cores kept busy by the processes measured here: what the other workers left, at most.</summary>
        public double Cores => All * Calls / 1e6 / Seconds;
        public double Per(Func<BenchPostgres.Activity, long> counter) => Runs.Sum(r => counter(r.Activity)) / (double)Calls;
        public int Failures => Runs.Sum(r => r.Load.Failures);
    }

    public static string Write(List<Row> rows, Facts facts, string loadBefore, string loadAfter, string version)
    {
        var one = new Totals(rows.Select(r => r.One).ToList());
        var two = new Totals(rows.Select(r => r.Two).ToList());
        var half = new Totals(rows.Select(r => r.Half).ToList());
        var echoPerSecond = rows.Sum(r => r.Echo.Calls) / rows.Sum(r => r.Echo.Elapsed.TotalSeconds);
        var echoLatencies = Latencies.Combine(rows.Select(r => r.Echo.Latencies));
        var echoCpu = rows.Sum(r => r.Echo.ProcessorTime.TotalMicroseconds) / rows.Sum(r => r.Echo.Calls);
        var ratio = two.PerSecond / one.PerSecond;
        var median = Median(rows.Select(r => r.Two.Load.PerSecond / r.One.Load.PerSecond));
        var (p99One, p99Two) = (one.Latencies.Percentile(99), two.Latencies.Percentile(99));
        // The idle second node during the one-node rounds: its share of one core.
        var idleSecond = rows.Sum(r => r.One.Nodes[1].TotalSeconds) / one.Seconds;
        var cores = Environment.ProcessorCount;
        var lines = new List<string>
        {
            "## Two gateway nodes of one institution vs one node, on one PostgreSQL (`BENCH=provision-two-nodes make bench`)",
            "",
            $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {BenchMachine.Describe(Path.GetTempPath())}; load average (1 / 5 / 15 min) {loadBefore} at the start, {loadAfter} at the end.",
            $"Hitachinaka on two platform nodes (ADR 0011, ADR 0017) over its one schema and role on PostgreSQL {version} (a local throwaway cluster of scripts/pg-local.sh, fsync on, " +
            "synchronous_commit=on): each node its own record chain, checkpoint key and group commit, the permits claimed in the shared UsedPermits table, background jobs " +
            "led through an advisory lock. **The nodes are separate processes**, the built gateway (`dotnet Linkage.Gateway.dll` with Platform configured, its own " +
            "appsettings.json), as `make run-platform` and a deployment run them: two processes have two runtimes, garbage collectors and thread pools as two nodes have, " +
            "and each node's processor time is its own. The other platform benchmarks host their one node in-process, which would put both nodes and the load in one " +
            "runtime and leave no per-node processor time. This process plays the hub (permits signed before each round starts), and holds the registry and hub " +
            "simulators (the hub countersigns both chains' checkpoints) and the echo.",
            "",
            $"Load: {Concurrency} concurrent provisions, closed loop, {Residents} residents, each the full provision (permit, look-ups, decryption, sealed answer, durable record). " +
            $"**One node**: every call to node 1; node 2 runs idle meanwhile (it took {F(idleSecond * 100)} % of one core then: its jobs and shared-state refresh). " +
            $"**Two nodes**: the calls in turn to node 1 and node 2, as the hub spreads relayed inquiries. **One node, {Concurrency / 2} in flight**: node 1 alone with " +
            "half the concurrent calls, what each of the two nodes sees of the same load, so that the cost of a node's having fewer calls in flight is told apart " +
            "from the cost of a second node. The bare gRPC echo (the same host stack, request and answer, " +
            $"no work; in this process) is the common baseline. {WarmUpRounds} warm-up rounds, then {Rounds} measured rounds of {EchoCallsPerRound:N0} echo calls and " +
            $"{CallsPerRound:N0} provisions per configuration, each round starting one path further on (echo, one node, one node with {Concurrency / 2} in flight, two nodes, " +
            "rotated), each run on a settled machine " +
            "(2 s pause). Every answer was checked to be Provided.",
            "",
            $"| round | echo calls/s | echo p99 ms | one node calls/s | p50 ms | p99 ms | one node, {Concurrency / 2} in flight, calls/s | p99 ms | two nodes calls/s | p50 ms | p99 ms | two / one | failures |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r =>
            $"| {r.Round} | {F(r.Echo.PerSecond)} | {F(r.Echo.P99)} | {F(r.One.Load.PerSecond)} | {F(r.One.Load.P50)} | {F(r.One.Load.P99)} | " +
            $"{F(r.Half.Load.PerSecond)} | {F(r.Half.Load.P99)} | " +
            $"{F(r.Two.Load.PerSecond)} | {F(r.Two.Load.P50)} | {F(r.Two.Load.P99)} | {R(r.Two.Load.PerSecond / r.One.Load.PerSecond)}× | " +
            $"{r.Echo.Failures + r.One.Load.Failures + r.Half.Load.Failures + r.Two.Load.Failures} |"));
        lines.Add("");
        lines.Add($"Overall: echo {F(echoPerSecond)} calls/s (p99 {F(echoLatencies.Percentile(99))} ms, {F(echoCpu)} µs of this process per call). " +
            $"One node {F(one.PerSecond)} provisions/s = {R(one.PerSecond / echoPerSecond)}× echo, p50 {F(one.Latencies.Percentile(50))} ms, p99 {F(p99One)} ms. " +
            $"One node with {Concurrency / 2} in flight {F(half.PerSecond)} provisions/s, p99 {F(half.Latencies.Percentile(99))} ms. " +
            $"Two nodes {F(two.PerSecond)} provisions/s = {R(two.PerSecond / echoPerSecond)}× echo, p50 {F(two.Latencies.Percentile(50))} ms, p99 {F(p99Two)} ms.");
        lines.Add("");
        lines.Add($"**Two nodes / one node on this machine: throughput {R(ratio)}×** (median of the {rows.Count} rounds' ratios {R(median)}×), " +
            $"**p99 {F(p99Two)} ms against {F(p99One)} ms ({R(p99Two / p99One)}×)**.");
        lines.Add("");
        lines.Add("Where a provision's processor time went (µs per provision over the measured rounds; node processes from their own counters, the PostgreSQL server's " +
            "processes from /proc, this process from the runtime; the cluster's counters from 2 s before each run to 2 s after it):");
        lines.Add("");
        lines.Add("| configuration | node 1 | node 2 | nodes | PostgreSQL server | this process (load, hub) | all | cores busy | commits | WAL flushes | WAL bytes |");
        lines.Add("|---|---|---|---|---|---|---|---|---|---|---|");
        lines.Add(CpuRow("one node", one, $"{F(one.Node(1))} (idle)", one.Node(0)));
        lines.Add(CpuRow($"one node, {Concurrency / 2} in flight", half, $"{F(half.Node(1))} (idle)", half.Node(0)));
        lines.Add(CpuRow("two nodes", two, F(two.Node(1)), two.Nodes));
        lines.Add("");
        lines.AddRange(Limits(one, half, two, idleSecond, cores));
        lines.Add("");
        lines.Add(Chains(facts));
        if (facts.Problems.Any(p => p.Problems.Count > 0) || facts.Unexpected.Count > 0)
            lines.Add("\nAnswers other than Provided (each a failure above): " + (facts.Unexpected.Count == 0 ? "none" : string.Join(", ", facts.Unexpected.Select(u => $"{u.Key} × {u.Value}"))) +
                "; warnings and errors the nodes logged: " + string.Join(" | ", facts.Problems.SelectMany(p => p.Problems.Take(5).Select(line => $"{p.Node}: {line}"))));
        return string.Join('\n', lines) + "\n";
    }

    private static string CpuRow(string name, Totals t, string second, double nodes) =>
        $"| {name} | {F(t.Node(0))} | {second} | {F(nodes)} | {(t.Server is { } s ? F(s) : "not readable")} | {F(t.Generator)} | {F(t.All)} | " +
        $"{t.Cores:0.00} of {Environment.ProcessorCount} | {t.Per(a => a.Commits):0.00} | {t.Per(a => a.WalSyncs):0.000} | {t.Per(a => a.WalBytes):N0} |";

    /// <summary>What this machine can and cannot show, and the scale-out the measured processor time implies.</summary>
    private static IEnumerable<string> Limits(Totals one, Totals half, Totals two, double idleSecond, int cores)
    {
        var (c1, c2) = (one.Node(0), two.Nodes);
        var (s1, s2) = (one.Server ?? double.NaN, two.Server ?? double.NaN);
        var nodeBound = cores * 1e6 / c1;
        var twoNodeBound = 2 * cores * 1e6 / c2;
        var databaseBound = cores * 1e6 / s2;
        yield return $"**What the {cores} cores limit.** Both nodes, the PostgreSQL server, the load generator and the hub simulator share this machine's {cores} cores " +
            $"(with other workers' processes: see the load average), so a second node adds no processor: the measured processes kept {one.Cores:0.00} cores busy with " +
            $"one node and {two.Cores:0.00} with two. Whatever one node leaves idle is all a second one can use here, and when the load average is above the cores, " +
            "the kernel shares them among all runnable threads, so that two node processes draw a larger share away from the other workers than one does: " +
            $"the throughput ratio measures that share as much as the nodes. At the same share of the cores, two nodes would serve {R(one.All / two.All)}× " +
            $"one node's provisions (provisions per busy core-second: {1e6 / two.All:N0} against {1e6 / one.All:N0}). The ratio above is therefore the **cost** of " +
            "a second node on the same cores (a second runtime, its own group commit and so smaller batches with more WAL flushes, its own chain and checkpoints, " +
            "the shared-state refresh and the leader lock through the database), not the scale-out a second machine gives. " +
            $"In processor time, a provision cost the nodes {F(c2)} µs with two against {F(c1)} µs with one ({R(c2 / c1)}×), the server {F(s2)} µs against {F(s1)} µs " +
            $"({R(s2 / s1)}×), all processes {F(two.All)} µs against {F(one.All)} µs ({R(two.All / one.All)}×); an idle second node costs {F(idleSecond * 100)} % of a core.";
        yield return "";
        // Of the nodes' extra processor time, what a node's having half the calls in flight explains, and what is left
        // to the second node itself (its runtime, its own group commit and chain, the database between them).
        var fewer = half.Node(0) - c1;
        var second = c2 - half.Node(0);
        var perNode = c1 + second;
        var loadedBound = 2 * cores * 1e6 / perNode;
        yield return $"Of the nodes' extra {F(c2 - c1)} µs per provision, " + (fewer > 0
                ? $"{F(fewer)} µs come from each node's having half the calls in flight (node 1 alone with {Concurrency / 2} in flight cost {F(half.Node(0))} µs: " +
                  "fewer provisions share each group commit, HTTP/2 write and wake-up)"
                : $"none comes from each node's having half the calls in flight (node 1 alone with {Concurrency / 2} in flight cost {F(half.Node(0))} µs)") +
            $" and {F(second)} µs from the second node itself (a second runtime with its own threads and collector on the same cores, its own chain, " +
            "checkpoints and shared-state refresh).";
        yield return "";
        yield return $"**The scale-out to expect, from these figures** (an estimate from processor time, not a measurement): a node alone on a machine of {cores} cores " +
            $"like this one is bound at about {cores} cores / {F(c1)} µs = {nodeBound:N0} provisions/s. Two such nodes on two machines, offered the same {Concurrency} calls " +
            $"in flight, at 2 × {cores} cores / {F(c2)} µs = {twoNodeBound:N0}/s, {R(2 * c1 / c2)}× one node; offered twice as many, so that each node has {Concurrency} " +
            $"in flight as the single node had, at about 2 × {cores} cores / ({F(c1)} + {F(second)}) µs = {loadedBound:N0}/s, {R(loadedBound / nodeBound)}× one node. " +
            $"The PostgreSQL server on {cores} cores of its own would bind at {cores} cores / {F(s2)} µs = {databaseBound:N0}/s " +
            $"({(Math.Max(twoNodeBound, loadedBound) <= databaseBound ? "above both: the nodes bind, not the database" : "the database binds before two loaded nodes do")}). " +
            $"So two nodes on machines of their own should serve about **{R(Math.Min(Math.Max(twoNodeBound, loadedBound), databaseBound) / Math.Min(nodeBound, cores * 1e6 / s1))}× " +
            "one node's provisions** when the load grows with them, " +
            "before the latency a real network adds between node and database (each provision waits for its group commit's round trip and fsync, so more " +
            "concurrent calls are needed to keep two nodes busy). Processor time measured on a machine this loaded is higher than on a quiet one (threads that spin " +
            "while waiting for a core, caches shared with other workers), and two runtimes spin more than one: the second node's own share above is more likely " +
            "too high than too low, and the estimate more likely too low.";
    }

    private static string Chains(Facts facts)
    {
        var records = facts.Records.Sum(r => r.Count);
        return $"Records after the run: {string.Join(", ", facts.Records.Select(r => $"{r.Node} {r.Count:N0}"))} ({records:N0} in all; " +
            $"{facts.Provided:N0} provisions answered Provided, the seeding node's sample included: " +
            $"{(records == facts.Provided ? "one record each" : "MISMATCH")}). Each node's record chain sealed and the hub witnessed during the measured rounds: " +
            string.Join(", ", facts.Sealed.Select(s => $"{s.Chain} {s.Count} checkpoints, {facts.Witnessed.FirstOrDefault(w => w.Chain == s.Chain).Count} witnessed")) +
            $". Node processes' resident memory after the rounds: {string.Join(", ", facts.WorkingSets.Select(w => $"{w / 1024 / 1024:N0} MiB"))}.";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }

    private static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
