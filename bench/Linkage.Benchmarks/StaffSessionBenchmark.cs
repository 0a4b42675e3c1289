using System.Globalization;
using Grpc.Health.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Benchmarks;

/// <summary>
/// The price of being a staff member: the same RPC (health checking, which every caller may make and which does
/// almost nothing else, so the overhead shows at its largest) called by a staff member in a session — certificate,
/// registry, session check, and an operation-log entry made durable before the answer leaves — against the same call
/// by a connected system with its certificate alone. Both on one gateway over mTLS, alternating in rounds.
/// </summary>
public sealed class StaffSessionBenchmark : IBenchmark
{
    private const int Concurrency = 64;
    private const int CallsPerRound = 20_000;
    private const int WarmUpRounds = 3;
    private const int Rounds = 8;

    public string Name => "staff-session";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        await using var network = await TestNetwork.StartAsync(populationSize: 10);
        var certificateOnly = new Health.HealthClient(network.HealthSystem(network.Hitachi, Hitachinaka));
        var inSession = new Health.HealthClient(network.Staff(network.Hitachi, Roles.Auditor));
        var request = new HealthCheckRequest();
        var log = network.Hitachi.Services.GetRequiredService<IOperationLogReader>();
        var entriesBefore = await log.CountAsync(ct);

        Task<LoadRun.Result> Run(Health.HealthClient client, int calls) => SettledAsync(() =>
            LoadRun.RunAsync(Enumerable.Repeat(request, calls).ToList(), Concurrency, r => client.CheckAsync(r).ResponseAsync));
        for (var round = 0; round < WarmUpRounds; round++)
        {
            await Run(certificateOnly, CallsPerRound / 2);
            await Run(inSession, CallsPerRound / 2);
        }
        var warmUpStaffCalls = WarmUpRounds * (CallsPerRound / 2);

        var rows = new List<(int Round, LoadRun.Result Certificate, LoadRun.Result Session)>();
        for (var round = 1; round <= Rounds; round++)
        {
            Console.WriteLine($"round {round}");
            if (round % 2 == 1)
            {
                var certificate = await Run(certificateOnly, CallsPerRound);
                rows.Add((round, certificate, await Run(inSession, CallsPerRound)));
            }
            else
            {
                var session = await Run(inSession, CallsPerRound);
                rows.Add((round, await Run(certificateOnly, CallsPerRound), session));
            }
        }
        var logged = await log.CountAsync(ct) - entriesBefore;
        return Report(rows, logged, warmUpStaffCalls + Rounds * CallsPerRound);
    }

    private static async Task<LoadRun.Result> SettledAsync(Func<Task<LoadRun.Result>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        await Task.Delay(TimeSpan.FromSeconds(1));
        return await run();
    }

    private static string Report(List<(int Round, LoadRun.Result Certificate, LoadRun.Result Session)> rows, long logged, int staffCalls)
    {
        static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        var certificateRate = rows.Sum(r => r.Certificate.Calls) / rows.Sum(r => r.Certificate.Elapsed.TotalSeconds);
        var sessionRate = rows.Sum(r => r.Session.Calls) / rows.Sum(r => r.Session.Elapsed.TotalSeconds);
        var certificateLatencies = Latencies.Combine(rows.Select(r => r.Certificate.Latencies));
        var sessionLatencies = Latencies.Combine(rows.Select(r => r.Session.Latencies));
        var lines = new List<string>
        {
            "## Staff call with a session vs the same call with the certificate alone (`BENCH=staff-session make bench`)",
            "",
            $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC. `grpc.health.v1.Health/Check` on the Hitachinaka gateway, {Concurrency} concurrent calls, " +
            $"{WarmUpRounds} warm-up rounds, then {Rounds} rounds of {CallsPerRound:N0} calls per path, which goes first alternating. Certificate alone: " +
            "the registered health management system (certificate → registry → role). Session: a signed-in auditor (certificate → registry → " +
            "bearer token → session check) whose every call appends an operation-log entry to its hash chain, durable (group commit, " +
            "synchronous=FULL) before the answer leaves.",
            "",
            "| round | certificate calls/s | p50 ms | p99 ms | session calls/s | p50 ms | p99 ms | time per call, session ÷ certificate | failures |",
            "|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r =>
            $"| {r.Round} | {F(r.Certificate.PerSecond)} | {F(r.Certificate.P50)} | {F(r.Certificate.P99)} | {F(r.Session.PerSecond)} | {F(r.Session.P50)} | " +
            $"{F(r.Session.P99)} | {F(r.Certificate.PerSecond / r.Session.PerSecond)}× | {r.Certificate.Failures + r.Session.Failures} |"));
        lines.Add("");
        lines.Add($"Overall: certificate alone {F(certificateRate)} calls/s, in a session {F(sessionRate)} calls/s: a staff call costs " +
            $"**{F(certificateRate / sessionRate)}× the certificate-only call** (bar: < 1.3×). p99 {F(sessionLatencies.Percentile(99))} ms in a session " +
            $"vs {F(certificateLatencies.Percentile(99))} ms with the certificate alone (**{F(sessionLatencies.Percentile(99) / certificateLatencies.Percentile(99))}×**); " +
            $"p50 {F(sessionLatencies.Percentile(50))} vs {F(certificateLatencies.Percentile(50))} ms. Operation-log entries written during the run: {logged:N0} " +
            $"for {staffCalls:N0} staff calls.");
        return string.Join('\n', lines) + "\n";
    }
}
