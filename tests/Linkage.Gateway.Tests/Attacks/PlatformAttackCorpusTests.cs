namespace Linkage.Gateway.Tests.Attacks;

/// <summary>
/// The attack corpus across institutions on one platform node: each case of <see cref="PlatformCorpus"/> must be
/// answered as the table says and leave behind exactly the rows it names, with all three institutions' databases
/// counted table by table before and after.
/// </summary>
public sealed class PlatformAttackCorpusTests(PlatformScene scene) : IClassFixture<PlatformScene>
{
    public static TheoryData<string> Names => new(PlatformCorpus.Cases.Select(c => c.Name));

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Names))]
    public Task Is_refused_as_the_table_says_and_leaves_only_what_it_names(string name) =>
        AttackRunner.RunAsync(scene, PlatformCorpus.Cases.Single(c => c.Name == name));
}
