using Linkage.Network.Sim.Faults;
using Xunit.Abstractions;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// The hub misbehaves on purpose: a fifth of the permit requests, relayed inquiries and relayed held answers through it
/// are dropped, duplicated, delayed, reordered or broken off, as a seeded plan decides. The gateways keep their promises,
/// and the same seed replays the same run. LINKAGE_FAULT_SEED chooses another seed (the seed is printed), and
/// LINKAGE_FAULT_INQUIRIES a longer run than the 40 inquiries of `make test`.
/// </summary>
public sealed class MisbehavingHubTests(MisbehavingHubTests.Runs runs, ITestOutputHelper output) : IClassFixture<MisbehavingHubTests.Runs>
{
    public const double FaultRate = 0.2;

    public static long Seed => long.TryParse(Environment.GetEnvironmentVariable("LINKAGE_FAULT_SEED"), out var seed) ? seed : 16;

    public static int Inquiries => int.TryParse(Environment.GetEnvironmentVariable("LINKAGE_FAULT_INQUIRIES"), out var count) && count > 0 ? count : 40;

    /// <summary>
    /// Two runs with the same seed, made at the same time (each asks one inquiry after another; the two compete for the
    /// machine, which must not change what happens in either).
    /// </summary>
    public sealed class Runs
    {
        public Task<FaultRun> First { get; } = FaultRun.RunAsync(Seed, Inquiries, FaultRate);
        public Task<FaultRun> Second { get; } = FaultRun.RunAsync(Seed, Inquiries, FaultRate);
    }

    [Fact(Timeout = 600_000)]
    public async Task Under_a_fifth_of_messages_faulted_every_inquiry_ends_once_no_permit_or_held_answer_counts_twice_and_both_ends_agree()
    {
        var run = await runs.First;
        Report(run);

        Assert.True(run.Decisions.Count(d => d.Kind != FaultKind.None) >= Inquiries / 10, "The plan hardly hit anything: " + Summary(run));
        Assert.Empty(FaultRunChecks.EveryInquiryEndsOnce(run));
        Assert.Empty(FaultRunChecks.NoPermitAcceptedTwice(run));
        Assert.Empty(FaultRunChecks.NoHeldAnswerDeliveredTwice(run));
        Assert.Empty(FaultRunChecks.RecordsOfBothEndsAgree(run));
        // Failures of the network are warnings at most: none of them is an error of the hub's or a gateway's.
        Assert.All(run.ErrorsLogged, logged => Assert.Equal(0, logged.Value));
    }

    [Fact(Timeout = 600_000)]
    public async Task The_same_seed_replays_the_same_faults_and_the_same_ends()
    {
        var (once, again) = (await runs.First, await runs.Second);
        Report(again);
        Assert.Empty(FaultRunChecks.EveryInquiryEndsOnce(again));

        var (first, second) = (Ordered(once), Ordered(again));
        Assert.True(first.SequenceEqual(second), "The runs differ in these decisions: first only " + string.Join("; ", first.Except(second)) +
            "; second only " + string.Join("; ", second.Except(first)));
        Assert.Equal(once.Ends.Select(e => e.State), again.Ends.Select(e => e.State));
        Assert.Equal(once.ParkedDeliveries.Count, again.ParkedDeliveries.Count);
    }

    /// <summary>The decisions by message rather than by arrival: messages of different exchanges may overtake each other.</summary>
    private static List<string> Ordered(FaultRun run) =>
        run.Decisions.OrderBy(d => d.Stage).ThenBy(d => d.Exchange).ThenBy(d => d.Attempt).Select(d => d.ToString()).ToList();

    private void Report(FaultRun run)
    {
        output.WriteLine(Summary(run));
        foreach (var end in run.Ends) output.WriteLine($"  inquiry {end.Ordinal,3}: {end.State}");
    }

    public static string Summary(FaultRun run)
    {
        var faults = run.Decisions.Where(d => d.Kind != FaultKind.None).ToList();
        var byKind = string.Join(", ", Enum.GetValues<FaultKind>().Where(k => k != FaultKind.None)
            .Select(k => $"{k.ToString().ToLowerInvariant()} {faults.Count(f => f.Kind == k)}"));
        var byStage = string.Join(", ", Enum.GetValues<FaultStage>()
            .Select(s => $"{s} {faults.Count(f => f.Stage == s)} of {run.Decisions.Count(d => d.Stage == s)}"));
        var ends = string.Join(", ", run.Ends.GroupBy(e => e.State).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}: {g.Count()}"));
        return $"seed {run.Seed}: {run.Ends.Count} inquiries in {run.Elapsed.TotalSeconds:0.0} s (setup {run.Phases.Setup.TotalSeconds:0.0}, " +
            $"asking {run.Phases.Asking.TotalSeconds:0.0}, deciding and delivering {run.Phases.Settling.TotalSeconds:0.0}); {faults.Count} faults of {run.Decisions.Count} messages " +
            $"({byKind}; by message: {byStage}); ends: {ends}; answers lost on the way back: {FaultRunChecks.AnswersLostOnTheWayBack(run)}; " +
            $"deliveries parked: {run.ParkedDeliveries.Count}; provider's replay refusals: {run.ProviderRecords.Count(r => r.Reason == "PERMIT_REPLAYED")}; " +
            $"errors logged: {string.Join(", ", run.ErrorsLogged.Select(e => $"{e.Key} {e.Value}"))}";
    }
}
