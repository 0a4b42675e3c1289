using System.Globalization;
using Linkage.Contracts.Network.V1;
using Linkage.Domain.Review.HoldFlags;
using Linkage.Domain.Staff;
using Linkage.Storage.Database;
using Linkage.Storage.Entities;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Benchmarks.Provision;

/// <summary>
/// Incoming provisions per second with 10,000 hold flags in force (none on the benchmark's residents) against none,
/// in the same gateway of the same process, alternating in rounds: the cost of asking the flags on every provision.
/// The flags are rows of the database, loaded into memory as at start; "none" empties memory between rounds.
/// </summary>
public sealed class ProvisionFlagsBenchmark : IBenchmark
{
    private const int Residents = 500;
    private const int Flags = 10_000;
    private const int Concurrency = 64;
    private const int CallsPerRound = 8_000;
    private const int WarmUpRounds = 2;
    private const int Rounds = 8;

    public string Name => "provision-flags";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        await using var network = await TestNetwork.StartAsync(populationSize: Residents);
        await Task.WhenAll(Enumerable.Range(0, Residents).Chunk(Residents / 8).Select(async chunk =>
        {
            foreach (var resident in chunk) await network.ProvideableResidentAsync(resident);
        }));
        await StoreFlagsAsync(network.Hitachi.Services, ct);
        var index = network.Hitachi.Services.GetRequiredService<HoldFlagIndex>();
        var administration = network.Hitachi.Services.GetRequiredService<HoldFlagAdministration>();
        async Task WithFlagsAsync()
        {
            await administration.LoadAsync(ct);
            if (index.Count != Flags) throw new InvalidOperationException($"{index.Count} flags in memory, {Flags} expected.");
        }
        void WithoutFlags() => index.Replace([]);

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
        var held = 0;
        async Task<LoadRun.Result> ProvideAsync()
        {
            var requests = Enumerable.Range(0, CallsPerRound).Select(Request).ToList();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            return await LoadRun.RunAsync(requests, Concurrency, async r =>
            {
                if ((await provision.ProvideAsync(r)).Outcome == ProvisionOutcome.Held) Interlocked.Increment(ref held);
            });
        }

        for (var round = 1; round <= WarmUpRounds; round++)
        {
            WithoutFlags();
            await ProvideAsync();
            await WithFlagsAsync();
            await ProvideAsync();
        }
        var rows = new List<(int Round, LoadRun.Result None, LoadRun.Result Flagged)>();
        for (var round = 1; round <= Rounds; round++)
        {
            Console.WriteLine($"round {round}");
            // Alternate which goes first, so that neither always inherits the other's leftovers.
            if (round % 2 == 1)
            {
                WithoutFlags();
                var none = await ProvideAsync();
                await WithFlagsAsync();
                rows.Add((round, none, await ProvideAsync()));
            }
            else
            {
                await WithFlagsAsync();
                var flagged = await ProvideAsync();
                WithoutFlags();
                rows.Add((round, await ProvideAsync(), flagged));
            }
        }
        return Report(rows, held);
    }

    /// <summary>Flags on persons of another municipality's numbering (prefix 08299) and pairs of them, plus one on an
    /// information name that is not asked: every dictionary of the index holds keys, and none matches.</summary>
    private static async Task StoreFlagsAsync(IServiceProvider services, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        HoldFlagRow Row(int i, string? person, string? name) => new()
        {
            FlagId = $"hf-bench{i:D7}", InternalAddressNumber = person, InformationNameCode = name, Reason = (int)HoldFlagReason.SupportMeasure,
            ReasonText = "", EffectiveFrom = now.AddDays(-1), SetBy = "bench", SetAt = now, ClearedBy = "", ClearReason = "",
        };
        await using var db = await services.GetRequiredService<IDbContextFactory<LinkageDbContext>>().CreateDbContextAsync(ct);
        db.HoldFlags.AddRange(Enumerable.Range(0, Flags - 1).Select(i => Row(i, $"08299{i:D10}", i % 2 == 0 ? Osteoporosis : null)));
        db.HoldFlags.Add(Row(Flags, null, Cancer));
        await db.SaveChangesAsync(ct);
    }

    private static string Report(List<(int Round, LoadRun.Result None, LoadRun.Result Flagged)> rows, int held)
    {
        static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
        static string R(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var none = rows.Sum(r => r.None.Calls) / rows.Sum(r => r.None.Elapsed.TotalSeconds);
        var flagged = rows.Sum(r => r.Flagged.Calls) / rows.Sum(r => r.Flagged.Elapsed.TotalSeconds);
        var ratios = rows.Select(r => r.Flagged.PerSecond / r.None.PerSecond).Order().ToArray();
        var median = (ratios[(ratios.Length - 1) / 2] + ratios[ratios.Length / 2]) / 2;
        var lines = new List<string>
        {
            "## Incoming provision with 10,000 hold flags vs none (`BENCH=provision-flags make bench`)",
            "",
            $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC. The provision benchmark's path ({Concurrency} concurrent calls, {Residents} residents) in one gateway; " +
            $"after {WarmUpRounds} warm-up rounds, {Rounds} measured rounds of {CallsPerRound:N0} provisions without flags and with {Flags:N0} flags in force " +
            "(loaded from the database into memory as at start; on persons of another numbering, pairs of them with the information name asked, one on an " +
            "information name not asked: none matches), which goes first alternating.",
            "",
            "| round | no flags calls/s | p50 ms | p99 ms | 10,000 flags calls/s | p50 ms | p99 ms | ratio | failures |",
            "|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r =>
            $"| {r.Round} | {F(r.None.PerSecond)} | {F(r.None.P50)} | {F(r.None.P99)} | {F(r.Flagged.PerSecond)} | {F(r.Flagged.P50)} | {F(r.Flagged.P99)} | " +
            $"{R(r.Flagged.PerSecond / r.None.PerSecond)}× | {r.None.Failures + r.Flagged.Failures} |"));
        lines.Add("");
        lines.Add($"Overall: no flags {F(none)} calls/s, 10,000 flags {F(flagged)} calls/s = **{R(flagged / none)}×** " +
            $"(bar: within 5%, ≥ 0.950×; median of the rounds' ratios {R(median)}×). Answers held: {held} (expected 0).");
        return string.Join('\n', lines) + "\n";
    }
}
