using Linkage.Fuzz;

namespace Linkage.PropertyBased.Tests;

/// <summary>
/// Every input that ever crashed or hung the coverage-guided fuzzer (`make fuzz` copies them to fuzz/regressions/TARGET)
/// runs through the same target again, and every seed of fuzz/corpus still means what its name says.
/// </summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string, string> Regressions() => Rows("regressions");

    public static TheoryData<string, string> Seeds() => Rows("corpus");

    [Theory]
    [MemberData(nameof(Regressions))]
    public async Task An_input_that_once_crashed_the_fuzzer_is_now_accepted_or_refused_with_a_documented_reason(string target, string name)
    {
        var input = RepositoryFiles.FuzzInput("regressions", target, name);
        // A hang guard, not a speed test: an input kept because it hung must not hang this suite instead.
        await Task.Run(() => Target(target).Run(input)).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_seed_of_the_corpus_has_the_outcome_its_name_says(string target, string name)
    {
        var outcome = Target(target).Run(RepositoryFiles.FuzzInput("corpus", target, name));
        Assert.Equal(name.StartsWith("accepted", StringComparison.Ordinal) ? "accepted" : $"refused: {name["refused-".Length..]}", outcome.ToString());
    }

    [Fact]
    public void The_checked_in_corpus_is_what_the_targets_generate()
    {
        foreach (var target in FuzzTargets.All)
            foreach (var (name, input) in target.Seeds())
                Assert.Equal(input, RepositoryFiles.FuzzInput("corpus", target.Name, name));
    }

    private static FuzzTarget Target(string name) => FuzzTargets.Named(name) ?? throw new InvalidOperationException($"No fuzz target {name}.");

    private static TheoryData<string, string> Rows(string folder)
    {
        var rows = new TheoryData<string, string>();
        foreach (var (target, name) in RepositoryFiles.FuzzInputs(folder)) rows.Add(target, name);
        return rows;
    }
}
