using Linkage.Domain.Staff;
using System.Globalization;
using Linkage.Benchmarks.Echo;
using Linkage.Contracts.Network.V1;
using Linkage.Testing;
using Linkage.Transport;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Gateway.Options;
using Linkage.Storage.Checkpoints;
using Linkage.Storage.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Benchmarks.Provision;

/// <summary>
/// Incoming provisions per second at 64 concurrent calls against a bare gRPC echo of the same message types on the
/// same host stack (mTLS, authentication, interceptor), both in this process on loopback, alternating in rounds.
/// Every provision verifies its permit, reads and decrypts the copy, seals the answer and makes its record durable
/// (group commit, synchronous=FULL on SQLite, synchronous_commit=on on PostgreSQL) before answering. With more than
/// one storage provider, each has a network of its own and all are measured in the same rounds against the one echo.
/// </summary>
public class ProvisionBenchmark : IBenchmark
{
    private const int Residents = 500;
    private const int Concurrency = 64;
    // Short rounds, many of them: this machine's speed drifts with its neighbours, and alternating often lets
    // both paths see the same drift. Each round is about a second per path.
    private const int EchoCallsPerRound = 40_000;
    private const int ProvisionCallsPerRound = 8_000;
    private const int WarmUpRounds = 3;
    private const int Rounds = 8;

    /// <summary>The tables a provision writes, whose size per row the PostgreSQL section reports.</summary>
    private static readonly string[] RecordTables = ["ProvisionRecords", "UsedPermits"];

    private readonly IReadOnlyList<StorageProvider> _providers;

    public ProvisionBenchmark() : this("provision", [StorageProvider.Sqlite]) { }

    /// <param name="providers">Where the provider gateway keeps its data: one network per provider, in this order.</param>
    protected ProvisionBenchmark(string name, IReadOnlyList<StorageProvider> providers)
    {
        Name = name;
        _providers = providers;
    }

    public string Name { get; }

    public bool NeedsPostgreSql => _providers.Contains(StorageProvider.PostgreSql);

    /// <summary>One provider gateway under load: its network, the hub's permits for it, the client that plays the hub.</summary>
    private sealed class Target(StorageProvider storage, TestNetwork network, PermitForge forge, string[] symbols,
        Contracts.V1.Provision.ProvisionClient client)
    {
        public StorageProvider Storage { get; } = storage;
        public TestNetwork Network { get; } = network;
        public Contracts.V1.Provision.ProvisionClient Client { get; } = client;

        public string Label(bool alone) => alone ? "provision" : Storage == StorageProvider.Sqlite ? "SQLite" : "PostgreSQL";

        public RelayedInquiry Request(int i)
        {
            var permit = forge.Permit(0);
            permit.ProviderSymbol = symbols[i % Residents];
            return PermitForge.Inquiry(permit, forge.Sign(permit));
        }

        public static async Task<Target> StartAsync(StorageProvider storage)
        {
            var network = await TestNetwork.StartAsync(populationSize: Residents, storage: storage);
            await Task.WhenAll(Enumerable.Range(0, Residents).Chunk(Residents / 8).Select(async chunk =>
            {
                foreach (var resident in chunk) await network.ProvideableResidentAsync(resident);
            }));
            var forge = new PermitForge(network);
            var hub = new PeerIdentity(HubCode, Roles.Network, "provision-network");
            return new Target(storage, network, forge, Enumerable.Range(0, Residents).Select(forge.ProviderSymbol).ToArray(),
                new Contracts.V1.Provision.ProvisionClient(network.Channel(network.Hitachi, "bench-hub", hub)));
        }
    }

    private sealed record Row(int Round, LoadRun.Result Echo, LoadRun.Result[] Provisions, Latencies[] Flushes);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var loadBefore = BenchMachine.LoadAverage();
        var targets = new List<Target>();
        try
        {
            foreach (var storage in _providers) targets.Add(await Target.StartAsync(storage));
            return await MeasureAsync(targets, loadBefore, ct);
        }
        finally
        {
            foreach (var target in targets) await target.Network.DisposeAsync();
        }
    }

    private async Task<string> MeasureAsync(List<Target> targets, string loadBefore, CancellationToken ct)
    {
        var network = targets[0].Network;
        ProvisionAnswer? sample = null;
        foreach (var target in targets) sample = await target.Client.ProvideAsync(target.Request(0), cancellationToken: ct);

        var hub = new PeerIdentity(HubCode, Roles.Network, "provision-network");
        await using var echoHost = await TestHost.StartAsync("echo", Ports.Free(),
            (args, configure) => EchoApp.Create(args, configure, sample!),
            new Dictionary<string, string?>
            {
                ["Tls:AuthorityCertificate"] = network.Pki.AuthorityPath,
                ["Tls:Certificate"] = network.Pki.Issue("echo", new PeerIdentity(Hitachinaka, Roles.Gateway, "echo")).Certificate,
                ["Tls:PrivateKey"] = network.Pki.Issue("echo", new PeerIdentity(Hitachinaka, Roles.Gateway, "echo")).PrivateKey,
                ["Tls:RevocationList"] = network.Pki.RevocationListPath,
            });
        var echo = new BenchEcho.BenchEchoClient(network.Channel(echoHost, "bench-hub", hub));
        var echoRequest = targets[0].Request;

        // Warm every path until tiered compilation has settled (JIT, dynamic PGO, connections, page caches): a short
        // warm-up leaves the echo, whose calls are cheap, measured half in unoptimised code.
        for (var round = 1; round <= WarmUpRounds; round++)
        {
            await LoadRun.RunAsync(Enumerable.Range(0, EchoCallsPerRound / 4).Select(echoRequest).ToList(), Concurrency, r => echo.EchoAsync(r).ResponseAsync);
            foreach (var target in targets)
                await LoadRun.RunAsync(Enumerable.Range(0, ProvisionCallsPerRound / 2).Select(target.Request).ToList(), Concurrency,
                    r => target.Client.ProvideAsync(r).ResponseAsync);
        }

        var onPostgres = targets.Any(t => t.Storage == StorageProvider.PostgreSql);
        BenchPostgres.Activity? activityBefore = null;
        if (onPostgres)
        {
            // Counters are reported by each backend when it goes idle, at most once a second.
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            activityBefore = await BenchPostgres.ActivityAsync(ct);
        }

        var rows = new List<Row>();
        var serverTime = TimeSpan.Zero;
        var serverCalls = 0;
        var measuredFrom = DateTimeOffset.UtcNow;
        for (var round = 1; round <= Rounds; round++)
        {
            var echoRequests = Enumerable.Range(0, EchoCallsPerRound).Select(echoRequest).ToList();
            var requests = targets.Select(t => Enumerable.Range(0, ProvisionCallsPerRound).Select(t.Request).ToList()).ToArray();
            LoadRun.Result? echoResult = null;
            var provisions = new LoadRun.Result[targets.Count];
            var flushes = new Latencies[targets.Count];
            // The echo is path 0, each target path 1 + its index. Each round starts one path further on, so that none
            // always inherits another's leftovers.
            var paths = Enumerable.Range(0, targets.Count + 1).ToArray();
            Console.WriteLine($"round {round}");
            foreach (var path in paths.Skip((round - 1) % paths.Length).Concat(paths.Take((round - 1) % paths.Length)))
            {
                if (path == 0)
                {
                    echoResult = await SettledAsync(() => LoadRun.RunAsync(echoRequests, Concurrency, r => echo.EchoAsync(r).ResponseAsync));
                    continue;
                }
                var t = path - 1;
                var target = targets[t];
                // The disk's flush latency meanwhile, on the file system the gateway's database is on.
                FlushProbe? probe = null;
                TimeSpan? serverBefore = null;
                provisions[t] = await SettledAsync(async () =>
                {
                    // On PostgreSQL the server shares this machine's cores: its processor time is the rest of a provision's.
                    if (target.Storage == StorageProvider.PostgreSql) serverBefore = await BenchPostgres.ServerProcessorTimeAsync(CancellationToken.None);
                    probe = FlushProbe.Start(target.Network.DataFolder);
                    return await LoadRun.RunAsync(requests[t], Concurrency, r => target.Client.ProvideAsync(r).ResponseAsync);
                });
                await probe!.DisposeAsync();
                flushes[t] = probe.Latencies;
                if (serverBefore is { } serverFrom && await BenchPostgres.ServerProcessorTimeAsync(CancellationToken.None) is { } serverTo)
                {
                    serverTime += serverTo - serverFrom;
                    serverCalls += provisions[t].Calls;
                }
            }
            rows.Add(new Row(round, echoResult!, provisions, flushes));
        }
        var measuredTo = DateTimeOffset.UtcNow;

        string? postgres = null;
        if (onPostgres)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            var activity = (await BenchPostgres.ActivityAsync(ct)).Minus(activityBefore!);
            var target = targets.First(t => t.Storage == StorageProvider.PostgreSql);
            var provided = rows.Sum(r => r.Provisions[targets.IndexOf(target)].Calls);
            await using var connection = target.Network.ConnectToHitachinaka();
            var sizes = await BenchPostgres.TableSizesAsync(connection, RecordTables, ct);
            postgres = PostgresReport(activity, provided, sizes, await BenchPostgres.VersionAsync(ct),
                serverCalls > 0 ? serverTime.TotalMicroseconds / serverCalls : null);
        }

        var alone = targets.Count == 1;
        var text = Report(targets, rows, BenchMachine.Describe(network.DataFolder), loadBefore, BenchMachine.LoadAverage());
        foreach (var target in targets)
        {
            var verify = await new Contracts.V1.Records.RecordsClient(target.Network.Staff(target.Network.Hitachi, Roles.Auditor))
                .VerifyAsync(new Contracts.V1.VerifyRequest(), cancellationToken: ct);
            text += "\n" + (alone ? "Records" : $"{target.Label(alone)}: records") + $" after the run: {verify.Chains.Sum(c => c.EntriesChecked):N0} (one per provision answered: 1 sample + " +
                $"{WarmUpRounds * (ProvisionCallsPerRound / 2):N0} warm-up + {Rounds * ProvisionCallsPerRound:N0} measured), chain {(verify.Intact ? "intact" : "BROKEN")}. " +
                await CheckpointsAsync(target.Network.Hitachi, verify, measuredFrom, measuredTo, ct);
        }
        return text + (postgres ?? "");
    }

    /// <summary>
    /// What the checkpoint job did in the gateway meanwhile, from its own store: the provision holds "with checkpoints
    /// and witnessing on" only if the record chain was really sealed, and witnessed by the hub, during the measured rounds.
    /// </summary>
    private static async Task<string> CheckpointsAsync(TestHost gateway, Contracts.V1.VerifyResponse verify,
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var options = gateway.Services.GetRequiredService<IOptions<CheckpointOptions>>().Value;
        var chain = gateway.Services.GetRequiredService<SealedChains>().ProvisionRecords;
        var checkpoints = await gateway.Services.GetRequiredService<ICheckpointStore>().ListAsync(chain.ChainId, ct);
        var during = checkpoints.Where(c => c.SealedAt >= from && c.SealedAt <= to).ToList();
        var verified = verify.Chains.Single(c => c.ChainId == chain.ChainId);
        if (during.Count == 0 || !verified.HubCompared)
            throw new InvalidOperationException($"The checkpoint job did not seal the record chain during the run ({checkpoints.Count} checkpoints).");
        var seconds = (to - from).TotalSeconds;
        return $"Checkpointing and witnessing on (the gateway's `CheckpointJob`, Checkpoints:Every {options.Every:N0}, Interval {options.Interval.TotalSeconds:0} s, " +
            $"Poll {options.Poll.TotalSeconds:0.#} s; the simulated hub countersigns over gRPC): the record chain has {checkpoints.Count} checkpoints after the run, " +
            $"**{during.Count} sealed during the {seconds:0} s of measured rounds** (one every {seconds / during.Count:0.0} s, " +
            $"{during.Average(c => c.Sequence - c.PreviousSequence):N0} records each on average), {during.Count(c => c.Witness is not null)} of them witnessed by the hub; " +
            $"Verify checked {verified.CheckpointsChecked} checkpoints ({verified.UnwitnessedCheckpoints} unwitnessed) against the hub's head at {verified.WitnessedSequence:N0}, " +
            $"{verified.UnsealedEntries:N0} records after the newest checkpoint not sealed yet.\n";
    }

    /// <summary>Starts a measured run on a quiet process: the garbage of building the requests collected, and the
    /// gateway's background work (the write-ahead log checkpoint runs every 500 ms) given time to finish.</summary>
    private static async Task<LoadRun.Result> SettledAsync(Func<Task<LoadRun.Result>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        await Task.Delay(TimeSpan.FromSeconds(1));
        return await run();
    }

    private static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }

    private string Report(List<Target> targets, List<Row> rows, string machine, string loadBefore, string loadAfter)
    {
        var alone = targets.Count == 1;
        var labels = targets.Select(t => t.Label(alone)).ToArray();
        var echoTotal = rows.Sum(r => r.Echo.Calls) / rows.Sum(r => r.Echo.Elapsed.TotalSeconds);
        var echoLatencies = Latencies.Combine(rows.Select(r => r.Echo.Latencies));
        var echoCpu = rows.Sum(r => r.Echo.ProcessorTime.TotalMicroseconds) / rows.Sum(r => r.Echo.Calls);
        var lines = new List<string>
        {
            alone
                ? $"## Incoming provision vs bare gRPC echo (`BENCH={Name} make bench`)"
                : $"## Incoming provision on {string.Join(" vs on ", Enumerable.Reverse(labels))}, the bare gRPC echo as the common baseline (`BENCH={Name} make bench`)",
            "",
            $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {machine}; load average (1 / 5 / 15 min) {loadBefore} at the start, {loadAfter} at the end. " +
            $"{Concurrency} concurrent calls; after {WarmUpRounds} warm-up rounds, {Rounds} measured rounds " +
            $"of {EchoCallsPerRound:N0} echo calls and {ProvisionCallsPerRound:N0} provisions" + (alone ? "" : " per provider gateway") +
            $", each round starting one path further on ({(alone ? "which goes first alternating" : "echo, " + string.Join(", ", labels) + ", rotated")}), each run started on a settled process; " +
            "client, gateway, hub and registry share this machine's cores (CPU µs/call is this whole process's processor time divided by the calls).",
            "Provision = permit signature, audience, time, replay, list checks; symbol and copy look-up with decryption; answer sealed to the",
            "inquirer's X25519 answer key with a key of its own (HKDF over the permit and inquiry); record appended to the hash chain and durable",
            "before the answer leaves (group commit: " + string.Join("; ", targets.Select(t => t.Storage == StorageProvider.Sqlite
                ? (alone ? "" : "SQLite, ") + "WAL, synchronous=FULL"
                : "PostgreSQL, one DbBatch per flush with the permits claimed in UsedPermits in the same transaction, synchronous_commit=on, fsync on, " +
                  "one schema and role for the institution on a local cluster of scripts/pg-local.sh")) + "). All permits come from one inquiring gateway, whose answer key lives a",
            "minute like every gateway's: the provider agrees with it (one X25519 scalar multiplication) once per minute, not once per answer.",
            "",
            "The disk flush column is the disk's flush latency during each provider's provisions (a 4 KiB write and fsync every 20 ms to a file beside the gateway's " +
            "database" + (targets.Any(t => t.Storage == StorageProvider.PostgreSql) ? "; for PostgreSQL, on the same file system as the cluster's data in /tmp" : "") +
            "): every answer waits for at least one flush, so a slow disk (shared with other workers) shows as provisions waiting rather than computing.",
            "",
            "| round | echo calls/s | echo p50 ms | echo p99 ms | echo CPU µs/call | " +
                string.Join(" | ", labels.Select(l => $"{l} calls/s | {l} p50 ms | {l} p99 ms | {l} CPU µs/call | {l} ratio | {l} disk flush p50 / max ms")) + " | failures |",
            "|---|---|---|---|---|" + string.Concat(labels.Select(_ => "---|---|---|---|---|---|")) + "---|",
        };
        lines.AddRange(rows.Select(r =>
            $"| {r.Round} | {F(r.Echo.PerSecond)} | {F(r.Echo.P50)} | {F(r.Echo.P99)} | {F(r.Echo.CpuMicrosecondsPerCall)} ({r.Echo.CoreUse:P0} of cores) | " +
            string.Join(" | ", r.Provisions.Select((p, t) =>
                $"{F(p.PerSecond)} | {F(p.P50)} | {F(p.P99)} | {F(p.CpuMicrosecondsPerCall)} ({p.CoreUse:P0} of cores) | {R(p.PerSecond / r.Echo.PerSecond)}× | " +
                $"{F(r.Flushes[t].Percentile(50))} / {F(r.Flushes[t].Percentile(100))}")) +
            $" | {r.Echo.Failures + r.Provisions.Sum(p => p.Failures)} |"));
        lines.Add("");
        var overall = new List<string>
        {
            $"Overall: echo {F(echoTotal)} calls/s (p50 {F(echoLatencies.Percentile(50))} ms, p99 {F(echoLatencies.Percentile(99))} ms, {F(echoCpu)} CPU µs/call)."
        };
        var totals = new double[targets.Count];
        var p99s = new double[targets.Count];
        for (var t = 0; t < targets.Count; t++)
        {
            var total = totals[t] = rows.Sum(r => r.Provisions[t].Calls) / rows.Sum(r => r.Provisions[t].Elapsed.TotalSeconds);
            var latencies = Latencies.Combine(rows.Select(r => r.Provisions[t].Latencies));
            var p99 = p99s[t] = latencies.Percentile(99);
            var cpu = rows.Sum(r => r.Provisions[t].ProcessorTime.TotalMicroseconds) / rows.Sum(r => r.Provisions[t].Calls);
            overall.Add($"{(alone ? "Provision" : labels[t])}: {F(total)} calls/s = **{R(total / echoTotal)}× echo** " +
                $"(bar: ≥ 0.15× — {(total / echoTotal >= 0.15 ? "passed" : "FAILED")}; median of the rounds' ratios {R(Median(rows.Select(r => r.Provisions[t].PerSecond / r.Echo.PerSecond)))}×), " +
                $"p50 {F(latencies.Percentile(50))} ms, **p99 {F(p99)} ms** over all measured provisions, {R(p99 / echoLatencies.Percentile(99))}× the echo's p99 " +
                $"(bar: < 20 ms — {(p99 < 20 ? "passed" : "FAILED")}; worst single round {F(rows.Max(r => r.Provisions[t].P99))} ms; " +
                $"disk flush p50 {F(Latencies.Combine(rows.Select(r => r.Flushes[t])).Percentile(50))} ms over the provisions, " +
                $"{F(rows.Min(r => r.Flushes[t].Percentile(50)))} to {F(rows.Max(r => r.Flushes[t].Percentile(50)))} ms by round). " +
                $"Managed memory allocated per call (client and server together): {rows.Average(r => r.Provisions[t].AllocatedKilobytesPerCall):F1} KB " +
                $"(echo {rows.Average(r => r.Echo.AllocatedKilobytesPerCall):F1} KB). Processor time per call over the measured rounds: {F(cpu)} µs, " +
                $"echo / {(alone ? "provision" : labels[t])} {R(echoCpu / cpu)}×: what the throughput ratio tends to when both paths are bound by the same share of the cores, " +
                "whatever share other workers leave this process.");
        }
        if (!alone)
        {
            // Every further target against the first (SQLite, the default): throughput and p99, same rounds.
            for (var t = 1; t < targets.Count; t++)
                overall.Add($"**{labels[t]} / {labels[0]}: throughput {R(totals[t] / totals[0])}×** (median of the rounds' ratios " +
                    $"{R(Median(rows.Select(r => r.Provisions[t].PerSecond / r.Provisions[0].PerSecond)))}×; " +
                    $"{R(totals[t] / echoTotal)}× against {R(totals[0] / echoTotal)}× echo), **p99 {F(p99s[t])} ms against {F(p99s[0])} ms ({R(p99s[t] / p99s[0])}×)**.");
        }
        lines.Add(string.Join("\n\n", overall));
        return string.Join('\n', lines) + "\n";
    }

    private static string PostgresReport(BenchPostgres.Activity activity, int provided, IReadOnlyList<(string Table, long Rows, long Bytes)> sizes, string version,
        double? serverMicrosecondsPerCall)
    {
        double Per(long value) => value / (double)provided;
        return "\n" + string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL {version}, what the cluster counted from 2 s before the first measured round to 2 s after the last (pg_stat_database, pg_stat_wal; " +
            $"the PostgreSQL gateway's background jobs included, {provided:N0} PostgreSQL provisions measured): {activity.Commits:N0} transactions committed " +
            $"({Per(activity.Commits):0.00} per provision, read-only ones included), {activity.WalRecords:N0} WAL records ({Per(activity.WalRecords):0.00} per provision), " +
            $"{activity.WalBytes / 1024.0 / 1024:N1} MiB of WAL ({Per(activity.WalBytes):N0} bytes per provision), {activity.WalWrites:N0} WAL writes and " +
            $"**{activity.WalSyncs:N0} WAL flushes (fsync: {Per(activity.WalSyncs):0.000} per provision)**: the group commit's batches, what a durable disk must absorb per second. ") +
            (serverMicrosecondsPerCall is { } server
                ? string.Create(CultureInfo.InvariantCulture, $"The server's processor time during the PostgreSQL provisions (its processes' /proc counters): **{server:0.0} µs per provision**, on the same cores, beside this process's CPU µs/call above.\n\n")
                : "The server's processor time could not be read from /proc.\n\n") +
            "The record tables after the run, through the institution's role (rows of the warm-up and the sample included):\n\n" + BenchPostgres.SizeTable(sizes);
    }
}
