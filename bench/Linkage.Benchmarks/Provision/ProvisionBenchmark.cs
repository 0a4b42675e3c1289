using Linkage.Domain.Staff;
using System.Globalization;
using Linkage.Benchmarks.Echo;
using Linkage.Contracts.Network.V1;
using Linkage.Testing;
using Linkage.Transport;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Gateway.Options;
using Linkage.Storage.Checkpoints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Benchmarks.Provision;

/// <summary>
/// Incoming provisions per second at 64 concurrent calls against a bare gRPC echo of the same message types on the
/// same host stack (mTLS, authentication, interceptor), both in this process on loopback, alternating in rounds.
/// Every provision verifies its permit, reads and decrypts the copy, seals the answer and makes its record durable
/// (group commit, synchronous=FULL) before answering.
/// </summary>
public sealed class ProvisionBenchmark : IBenchmark
{
    private const int Residents = 500;
    private const int Concurrency = 64;
    // Short rounds, many of them: this machine's speed drifts with its neighbours, and alternating often lets
    // both paths see the same drift. Each round is about a second per path.
    private const int EchoCallsPerRound = 40_000;
    private const int ProvisionCallsPerRound = 8_000;
    private const int WarmUpRounds = 3;
    private const int Rounds = 8;

    public string Name => "provision";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        await using var network = await TestNetwork.StartAsync(populationSize: Residents);
        await Task.WhenAll(Enumerable.Range(0, Residents).Chunk(Residents / 8).Select(async chunk =>
        {
            foreach (var resident in chunk) await network.ProvideableResidentAsync(resident);
        }));

        var forge = new PermitForge(network);
        var symbols = Enumerable.Range(0, Residents).Select(forge.ProviderSymbol).ToArray();
        RelayedInquiry Request(int i)
        {
            var permit = forge.Permit(0);
            permit.ProviderSymbol = symbols[i % Residents];
            return PermitForge.Inquiry(permit, forge.Sign(permit));
        }

        var hub = new PeerIdentity(HubCode, Roles.Network, "provision-network");
        var provision = new Contracts.V1.Provision.ProvisionClient(network.Channel(network.Hitachi, "bench-hub", hub));
        var sample = await provision.ProvideAsync(Request(0), cancellationToken: ct);

        await using var echoHost = await TestHost.StartAsync("echo", Ports.Free(),
            (args, configure) => EchoApp.Create(args, configure, sample),
            new Dictionary<string, string?>
            {
                ["Tls:AuthorityCertificate"] = network.Pki.AuthorityPath,
                ["Tls:Certificate"] = network.Pki.Issue("echo", new PeerIdentity(Hitachinaka, Roles.Gateway, "echo")).Certificate,
                ["Tls:PrivateKey"] = network.Pki.Issue("echo", new PeerIdentity(Hitachinaka, Roles.Gateway, "echo")).PrivateKey,
                ["Tls:RevocationList"] = network.Pki.RevocationListPath,
            });
        var echo = new BenchEcho.BenchEchoClient(network.Channel(echoHost, "bench-hub", hub));

        // Warm both paths until tiered compilation has settled (JIT, dynamic PGO, connections, SQLite page cache):
        // a short warm-up leaves the echo, whose calls are cheap, measured half in unoptimised code.
        for (var round = 1; round <= WarmUpRounds; round++)
        {
            await LoadRun.RunAsync(Enumerable.Range(0, EchoCallsPerRound / 4).Select(Request).ToList(), Concurrency, r => echo.EchoAsync(r).ResponseAsync);
            await LoadRun.RunAsync(Enumerable.Range(0, ProvisionCallsPerRound / 2).Select(Request).ToList(), Concurrency, r => provision.ProvideAsync(r).ResponseAsync);
        }

        var rows = new List<(int Round, LoadRun.Result Echo, LoadRun.Result Provision, Latencies Flush)>();
        var measuredFrom = DateTimeOffset.UtcNow;
        for (var round = 1; round <= Rounds; round++)
        {
            var echoRequests = Enumerable.Range(0, EchoCallsPerRound).Select(Request).ToList();
            var provisionRequests = Enumerable.Range(0, ProvisionCallsPerRound).Select(Request).ToList();
            Task<LoadRun.Result> Echo() => SettledAsync(() => LoadRun.RunAsync(echoRequests, Concurrency, r => echo.EchoAsync(r).ResponseAsync));
            async Task<(LoadRun.Result, Latencies)> Provide()
            {
                // The disk's flush latency meanwhile, on the disk the gateway's database is on.
                FlushProbe? probe = null;
                var result = await SettledAsync(() =>
                {
                    probe = FlushProbe.Start(network.DataFolder);
                    return LoadRun.RunAsync(provisionRequests, Concurrency, r => provision.ProvideAsync(r).ResponseAsync);
                });
                await probe!.DisposeAsync();
                return (result, probe.Latencies);
            }
            // Alternate which path goes first, so that neither always inherits the other's leftovers.
            Console.WriteLine($"round {round}");
            if (round % 2 == 1)
            {
                var echoResult = await Echo();
                var (provisionResult, flush) = await Provide();
                rows.Add((round, echoResult, provisionResult, flush));
            }
            else
            {
                var (provisionResult, flush) = await Provide();
                rows.Add((round, await Echo(), provisionResult, flush));
            }
        }

        var measuredTo = DateTimeOffset.UtcNow;

        var verify = await new Contracts.V1.Records.RecordsClient(network.Staff(network.Hitachi, Roles.Auditor))
            .VerifyAsync(new Contracts.V1.VerifyRequest(), cancellationToken: ct);
        return Report(rows, verify.Chains.Sum(c => c.EntriesChecked), verify.Intact, BenchMachine.Describe(network.DataFolder)) + await CheckpointsAsync(network.Hitachi, verify, measuredFrom, measuredTo, ct);
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
        return "\n" + $"Checkpointing and witnessing on (the gateway's `CheckpointJob`, Checkpoints:Every {options.Every:N0}, Interval {options.Interval.TotalSeconds:0} s, " +
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

    private static string Report(List<(int Round, LoadRun.Result Echo, LoadRun.Result Provision, Latencies Flush)> rows, long records, bool intact, string machine)
    {
        static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
        var echoTotal = rows.Sum(r => r.Echo.Calls) / rows.Sum(r => r.Echo.Elapsed.TotalSeconds);
        var provisionTotal = rows.Sum(r => r.Provision.Calls) / rows.Sum(r => r.Provision.Elapsed.TotalSeconds);
        var ratios = rows.Select(r => r.Provision.PerSecond / r.Echo.PerSecond).Order().ToArray();
        var medianRatio = (ratios[(ratios.Length - 1) / 2] + ratios[ratios.Length / 2]) / 2;
        var echoLatencies = Latencies.Combine(rows.Select(r => r.Echo.Latencies));
        var echoCpu = rows.Sum(r => r.Echo.ProcessorTime.TotalMicroseconds) / rows.Sum(r => r.Echo.Calls);
        var provisionCpu = rows.Sum(r => r.Provision.ProcessorTime.TotalMicroseconds) / rows.Sum(r => r.Provision.Calls);
        var provisionLatencies = Latencies.Combine(rows.Select(r => r.Provision.Latencies));
        var lines = new List<string>
        {
            "## Incoming provision vs bare gRPC echo (`BENCH=provision make bench`)",
            "",
            $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {machine}. {Concurrency} concurrent calls; after {WarmUpRounds} warm-up rounds, {Rounds} measured rounds " +
            $"of {EchoCallsPerRound:N0} echo calls and {ProvisionCallsPerRound:N0} provisions, which goes first alternating, each started on a settled process; client, gateway, hub and registry share this machine's cores " +
            "(CPU µs/call is this whole process's processor time divided by the calls).",
            "Provision = permit signature, audience, time, replay, list checks; symbol and copy look-up with decryption; answer sealed to the",
            "inquirer's X25519 answer key with a key of its own (HKDF over the permit and inquiry); record appended to the hash chain and durable",
            "(group commit, WAL, synchronous=FULL) before the answer leaves. All permits come from one inquiring gateway, whose answer key lives a",
            "minute like every gateway's: the provider agrees with it (one X25519 scalar multiplication) once per minute, not once per answer.",
            "",
            "The last column is the disk's flush latency during the provisions (a 4 KiB write and fsync every 20 ms to a file beside the gateway's " +
            "database): every answer waits for at least one flush, so a slow disk (shared with other workers) shows as provisions waiting rather than computing.",
            "",
            "| round | echo calls/s | echo p50 ms | echo p99 ms | echo CPU µs/call | provision calls/s | provision p50 ms | provision p99 ms | provision CPU µs/call | ratio | failures | disk flush p50 / max ms |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r =>
            $"| {r.Round} | {F(r.Echo.PerSecond)} | {F(r.Echo.P50)} | {F(r.Echo.P99)} | {F(r.Echo.CpuMicrosecondsPerCall)} ({r.Echo.CoreUse:P0} of cores) | " +
            $"{F(r.Provision.PerSecond)} | {F(r.Provision.P50)} | {F(r.Provision.P99)} | {F(r.Provision.CpuMicrosecondsPerCall)} ({r.Provision.CoreUse:P0} of cores) | {(r.Provision.PerSecond / r.Echo.PerSecond).ToString("0.000", CultureInfo.InvariantCulture)}× | {r.Echo.Failures + r.Provision.Failures} | " +
            $"{F(r.Flush.Percentile(50))} / {F(r.Flush.Percentile(100))} |"));
        lines.Add("");
        lines.Add($"Overall: echo {F(echoTotal)} calls/s (p50 {F(echoLatencies.Percentile(50))} ms, p99 {F(echoLatencies.Percentile(99))} ms); " +
            $"provision {F(provisionTotal)} calls/s = **{(provisionTotal / echoTotal).ToString("0.000", CultureInfo.InvariantCulture)}× echo** (bar: ≥ 0.15× — {(provisionTotal / echoTotal >= 0.15 ? "passed" : "FAILED")}; median of the rounds' ratios {medianRatio.ToString("0.000", CultureInfo.InvariantCulture)}×), " +
            $"p50 {F(provisionLatencies.Percentile(50))} ms, **p99 {F(provisionLatencies.Percentile(99))} ms** over all measured provisions " +
            $"(bar: < 20 ms — {(provisionLatencies.Percentile(99) < 20 ? "passed" : "FAILED")}; worst single round {F(rows.Max(r => r.Provision.P99))} ms; " +
            $"disk flush p50 {F(Latencies.Combine(rows.Select(r => r.Flush)).Percentile(50))} ms over the provisions, {F(rows.Min(r => r.Flush.Percentile(50)))} to {F(rows.Max(r => r.Flush.Percentile(50)))} ms by round). " +
            $"Records after the run: {records:N0} (one per provision answered: 1 sample + {WarmUpRounds * (ProvisionCallsPerRound / 2):N0} warm-up + {Rounds * ProvisionCallsPerRound:N0} measured), " +
            $"chain {(intact ? "intact" : "BROKEN")}. Managed memory allocated per call (client and server together): " +
            $"echo {rows.Average(r => r.Echo.AllocatedKilobytesPerCall):F1} KB, provision {rows.Average(r => r.Provision.AllocatedKilobytesPerCall):F1} KB. " +
            $"Processor time per call over the measured rounds: echo {F(echoCpu)} µs, provision {F(provisionCpu)} µs, a ratio of " +
            $"{(echoCpu / provisionCpu).ToString("0.000", CultureInfo.InvariantCulture)}×: what the throughput ratio tends to when both paths are bound by the same share of the cores, " +
            "whatever share other workers leave this process.");
        return string.Join('\n', lines) + "\n";
    }
}
