using Linkage.Network.Sim.Faults;

namespace Linkage.EndToEnd.Tests;

/// <summary>The fault plan is a pure function of the seed and the message's place: replayable, and at the rates asked.</summary>
public sealed class FaultPlanTests
{
    private static FaultPlan Plan(long seed, double each = 0.04) => new(new FaultPlanOptions
    {
        Seed = seed, Drop = each, Duplicate = each, Delay = each, Reorder = each, Disconnect = each,
    });

    private static List<FaultDecision> Decide(FaultPlan plan) =>
        (from stage in Enum.GetValues<FaultStage>() from exchange in Enumerable.Range(1, 2_000) from attempt in Enumerable.Range(1, 3)
         select plan.Decide(stage, exchange, attempt)).ToList();

    [Fact]
    public void The_same_seed_decides_the_same_and_another_seed_differently()
    {
        Assert.Equal(Decide(Plan(7)), Decide(Plan(7)));
        Assert.NotEqual(Decide(Plan(7)).Select(d => d.Kind), Decide(Plan(8)).Select(d => d.Kind));
    }

    [Fact]
    public void Each_kind_hits_about_its_rate_and_nothing_is_hit_when_the_rates_are_zero()
    {
        var decisions = Decide(Plan(7));
        foreach (var kind in Enum.GetValues<FaultKind>().Where(k => k != FaultKind.None))
            Assert.InRange(decisions.Count(d => d.Kind == kind) / (double)decisions.Count, 0.03, 0.05);
        Assert.InRange(decisions.Count(d => d.Kind != FaultKind.None) / (double)decisions.Count, 0.18, 0.22);
        Assert.All(decisions.Where(d => d.Kind == FaultKind.Delay), d => Assert.InRange(d.Delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(300)));
        Assert.All(decisions.Where(d => d.Kind == FaultKind.Duplicate), d => Assert.False(d.OnReply));
        Assert.All(Decide(Plan(7, each: 0)), d => Assert.Equal(FaultKind.None, d.Kind));
    }

    [Fact]
    public void Only_the_stages_named_are_hit()
    {
        var options = new FaultPlanOptions { Seed = 7, Drop = 0.5, Stages = [FaultStage.RelayAnswer] };
        var decisions = Decide(new FaultPlan(options));
        Assert.All(decisions.Where(d => d.Stage != FaultStage.RelayAnswer), d => Assert.Equal(FaultKind.None, d.Kind));
        Assert.Contains(decisions, d => d is { Stage: FaultStage.RelayAnswer, Kind: FaultKind.Drop });
    }

    [Fact]
    public void Rates_adding_up_to_more_than_one_are_refused()
    {
        var options = new FaultPlanOptions { Drop = 0.6, Delay = 0.6 };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options,
            new System.ComponentModel.DataAnnotations.ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("add up to", StringComparison.Ordinal));
    }
}
