using System.Globalization;
using Grpc.Health.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Benchmarks;

/// <summary>
/// The price of being a staff member: the same RPC called by a signed-in staff member (certificate, registry, bearer
/// token, session check, and an operation-log entry written before the answer leaves) and by a caller holding the same
/// role with its certificate alone, on one gateway over mTLS, alternating in rounds. Two calls: a staff read
/// (Records/ListRecords, a page of 20 provision records) and health checking, which does nothing else, so that the
/// overhead shows at its largest.
/// </summary>
public sealed class StaffSessionBenchmark : IBenchmark
{
    private const int Concurrency = 64;
    private const int CallsPerRound = 10_000;
    private const int WarmUpRounds = 2;
    private const int Rounds = 6;
    private const int Records = 200;

    public string Name => "staff-session";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        // One auditor at full speed is far beyond any staff member's rate: the per-caller limit would measure itself.
        await using var network = await TestNetwork.StartAsync(populationSize: 10, hitachiSettings: new Dictionary<string, string?>
        {
            ["Limits:CallerCallsPerSecond"] = "10000000",
            ["Limits:CallerBurst"] = "10000000",
        });
        await SeedRecordsAsync(network, ct);
        var inSession = network.Staff(network.Hitachi, Roles.Auditor);
        var certificateOnly = await CertificateOnlyAuditorAsync(network, ct);
        var log = network.Hitachi.Services.GetRequiredService<IOperationLogReader>();
        var entriesBefore = await log.CountAsync(ct);

        var page = new ListRecordsRequest { PageSize = 20, AfterSequence = Records / 2 };
        var paths = new (string Name, Func<Grpc.Net.Client.GrpcChannel, Func<Task>> Call)[]
        {
            ("Records/ListRecords (page of 20)", channel => { var c = new Contracts.V1.Records.RecordsClient(channel); return () => c.ListRecordsAsync(page).ResponseAsync; }),
            ("Health/Check", channel => { var c = new Health.HealthClient(channel); return () => c.CheckAsync(new HealthCheckRequest()).ResponseAsync; }),
        };

        var sections = new List<string>();
        var staffCalls = 0;
        foreach (var (name, call) in paths)
        {
            Task<LoadRun.Result> Run(Func<Task> send, int calls) => SettledAsync(() =>
                LoadRun.RunAsync(Enumerable.Range(0, calls).ToList(), Concurrency, _ => send()));
            var certificate = call(certificateOnly);
            var session = call(inSession);
            for (var round = 0; round < WarmUpRounds; round++)
            {
                await Run(certificate, CallsPerRound / 2);
                await Run(session, CallsPerRound / 2);
            }
            staffCalls += WarmUpRounds * (CallsPerRound / 2) + Rounds * CallsPerRound;
            var rows = new List<(int Round, LoadRun.Result Certificate, LoadRun.Result Session)>();
            for (var round = 1; round <= Rounds; round++)
            {
                Console.WriteLine($"{name} round {round}");
                if (round % 2 == 1)
                {
                    var first = await Run(certificate, CallsPerRound);
                    rows.Add((round, first, await Run(session, CallsPerRound)));
                }
                else
                {
                    var first = await Run(session, CallsPerRound);
                    rows.Add((round, await Run(certificate, CallsPerRound), first));
                }
            }
            sections.Add(Section(name, rows));
        }
        var logged = await log.CountAsync(ct) - entriesBefore;
        return Report(sections, logged, staffCalls);
    }

    /// <summary>Provision records to page through, made by provisions as the hub would call for them.</summary>
    private static async Task SeedRecordsAsync(TestNetwork network, CancellationToken ct)
    {
        await network.ProvideableResidentAsync(0);
        var forge = new PermitForge(network);
        var hub = new Contracts.V1.Provision.ProvisionClient(
            network.Channel(network.Hitachi, "bench-hub", new PeerIdentity(HubCode, Roles.Network, "provision-network")));
        for (var i = 0; i < Records; i++)
        {
            var permit = forge.Permit(0);
            await hub.ProvideAsync(PermitForge.Inquiry(permit, forge.Sign(permit)), cancellationToken: ct);
        }
    }

    /// <summary>
    /// The baseline caller: the auditor role held by a certificate alone, as every role was before staff sessions
    /// existed. The registry's administration refuses such an entry (staff work in sessions), so the benchmark writes
    /// it to the store directly and reloads the registry.
    /// </summary>
    private static async Task<Grpc.Net.Client.GrpcChannel> CertificateOnlyAuditorAsync(TestNetwork network, CancellationToken ct)
    {
        const string Name = "bench-certificate-auditor";
        var peer = new PeerIdentity(Hitachinaka, Roles.Auditor, "certificate-only-auditor");
        var services = network.Hitachi.Services;
        var presented = network.Presented(Name, peer);
        await services.GetRequiredService<IRegistryStore>().AddSystemAsync(
            new ConnectedSystem("bench-auditor", "certificate-only auditor", InstitutionCode.Parse(Hitachinaka), Roles.Auditor, null, ""),
            new CertificateBinding(presented.Certificate, CallerKind.System, "bench-auditor", DateTimeOffset.UtcNow, null), ct);
        await services.GetRequiredService<RegistryAdministration>().ReloadAsync(ct);
        return network.Channel(network.Hitachi, Name, peer);
    }

    private static async Task<LoadRun.Result> SettledAsync(Func<Task<LoadRun.Result>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        await Task.Delay(TimeSpan.FromSeconds(1));
        return await run();
    }

    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Section(string name, List<(int Round, LoadRun.Result Certificate, LoadRun.Result Session)> rows)
    {
        var certificateRate = rows.Sum(r => r.Certificate.Calls) / rows.Sum(r => r.Certificate.Elapsed.TotalSeconds);
        var sessionRate = rows.Sum(r => r.Session.Calls) / rows.Sum(r => r.Session.Elapsed.TotalSeconds);
        var certificateLatencies = Latencies.Combine(rows.Select(r => r.Certificate.Latencies));
        var sessionLatencies = Latencies.Combine(rows.Select(r => r.Session.Latencies));
        var lines = new List<string>
        {
            $"### `{name}`",
            "",
            "| round | certificate calls/s | p50 ms | p99 ms | CPU µs/call | session calls/s | p50 ms | p99 ms | CPU µs/call | time per call, session ÷ certificate | failures |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r =>
            $"| {r.Round} | {F(r.Certificate.PerSecond)} | {F(r.Certificate.P50)} | {F(r.Certificate.P99)} | {F(r.Certificate.CpuMicrosecondsPerCall)} | " +
            $"{F(r.Session.PerSecond)} | {F(r.Session.P50)} | {F(r.Session.P99)} | {F(r.Session.CpuMicrosecondsPerCall)} | " +
            $"{F(r.Certificate.PerSecond / r.Session.PerSecond)}× | {r.Certificate.Failures + r.Session.Failures} |"));
        lines.Add("");
        lines.Add($"Overall: certificate alone {F(certificateRate)} calls/s, in a session {F(sessionRate)} calls/s: the staff call costs " +
            $"**{F(certificateRate / sessionRate)}× the certificate-only call**. p99 {F(sessionLatencies.Percentile(99))} ms in a session vs " +
            $"{F(certificateLatencies.Percentile(99))} ms (**{F(sessionLatencies.Percentile(99) / certificateLatencies.Percentile(99))}×**); " +
            $"p50 {F(sessionLatencies.Percentile(50))} vs {F(certificateLatencies.Percentile(50))} ms.");
        return string.Join('\n', lines);
    }

    private static string Report(List<string> sections, long logged, int staffCalls)
    {
        var lines = new List<string>
        {
            "## Staff call with a session vs the same call with the certificate alone (`BENCH=staff-session make bench`)",
            "",
            $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on the Hitachinaka gateway, {Concurrency} concurrent calls; per call, " +
            $"{WarmUpRounds} warm-up rounds, then {Rounds} rounds of {CallsPerRound:N0} calls per path, which goes first alternating. " +
            "Session: a signed-in auditor (certificate → registry → bearer token → session check), each call appending an operation-log " +
            "entry to its hash chain before the answer leaves (group commit on the log's own connection). Certificate alone: the auditor " +
            "role held by a registered certificate without a session, as before staff sessions existed (a registry entry the administration " +
            "service refuses, written by the benchmark). Bar: the staff call under 1.3× the certificate-only call.",
            "",
        };
        foreach (var section in sections) lines.AddRange([section, ""]);
        lines.Add($"Operation-log entries written during the run: {logged:N0} for {staffCalls:N0} staff calls.");
        return string.Join('\n', lines) + "\n";
    }
}
