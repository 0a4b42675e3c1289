namespace Linkage.EndToEnd.Tests.CrashMatrix;

/// <summary>
/// Everything random in one run of the crash matrix, drawn from one seed: when each kill comes and what each load
/// worker asks for. <see cref="SeedVariable"/> replays a seed and <see cref="KillsVariable"/> sets the number of kills
/// (<c>make soak</c>: 20). A seed fixes the plan, not the machine's timing: a replay kills at the same moments into the
/// same requests, and how far the gateway got with them by then is the scheduler's.
/// </summary>
internal sealed class CrashPlan
{
    public const string SeedVariable = "LINKAGE_CRASH_SEED";
    public const string KillsVariable = "LINKAGE_CRASH_KILLS";

    /// <summary>The kills of <c>make test</c>'s short form.</summary>
    public const int ShortForm = 3;

    private CrashPlan(int seed, int kills)
    {
        Seed = seed;
        Kills = kills;
        var random = new Random(seed);
        Moments = Enumerable.Range(0, kills).Select(k => KillMoment.Draw(random, first: k == 0)).ToList();
    }

    public int Seed { get; }
    public int Kills { get; }

    /// <summary>When each kill comes, in order.</summary>
    public IReadOnlyList<KillMoment> Moments { get; }

    public static CrashPlan FromEnvironment() => new(
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var seed) ? seed : Random.Shared.Next(),
        int.TryParse(Environment.GetEnvironmentVariable(KillsVariable), out var kills) && kills > 0 ? kills : ShortForm);

    /// <summary>The random choices of one load worker in one run: each replays whatever the other workers do.</summary>
    public Random For(int run, int worker) => new(unchecked((Seed * 7_919) + (run * 131) + worker));

    public override string ToString() => $"crash matrix: seed {Seed}, {Kills} kills (replay with {SeedVariable}={Seed} {KillsVariable}={Kills})";
}

/// <summary>
/// When one kill comes: <see cref="WhileStarting"/>, that long after the process was started, serving or not (it may be
/// recovering, or delivering what its outbox held); otherwise that long into the load, once it serves.
/// </summary>
internal readonly record struct KillMoment(bool WhileStarting, TimeSpan After)
{
    private const double StartingShare = 0.2;

    /// <summary>The first kill always comes into the load: the run before it registers what the others use.</summary>
    public static KillMoment Draw(Random random, bool first) => !first && random.NextDouble() < StartingShare
        ? new(true, TimeSpan.FromMilliseconds(random.Next(0, 4_000)))
        : new(false, TimeSpan.FromMilliseconds(random.Next(300, 4_000)));

    public override string ToString() => $"{After.TotalMilliseconds:0} ms " + (WhileStarting ? "after the start" : "into the load");
}
