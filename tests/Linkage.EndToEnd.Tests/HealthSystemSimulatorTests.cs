using Linkage.Contracts.V1;
using Linkage.Domain.Copies;
using Linkage.HealthSystem.Sim;
using Linkage.Sim.Population;

namespace Linkage.EndToEnd.Tests;

/// <summary>The simulated health management system produces copies the gateway accepts, with plausible shapes.</summary>
public sealed class HealthSystemSimulatorTests
{
    [Fact]
    public void Screening_results_are_valid_plausible_and_detailed_examinations_follow_positive_primaries()
    {
        var population = new SyntheticPopulation(5_000);
        var validator = new CopyValidator(ItemCatalogue.Default);
        var byResident = population.All().Select(r => (Resident: r,
            Copies: ScreeningResults.For(r, population.InternalAddressNumberOf(r.Index, "08221"), 2025).ToList())).ToList();
        var all = byResident.SelectMany(x => x.Copies.Select(c => (x.Resident, Copy: c))).ToList();

        Assert.All(all, x => validator.Validate(Draft(x.Copy)));
        Assert.All(all, x => Assert.True(2025 - x.Resident.BirthDate.Year >= 20));
        Assert.All(all.Where(x => x.Copy.RecordKey.Split('-')[1] is "52" or "54"), x => Assert.Equal('F', x.Resident.Sex));
        var participants = byResident.Count(x => x.Copies.Count > 0);
        Assert.InRange(participants, 250, 2_500);

        foreach (var (_, copies) in byResident)
            foreach (var detailed in copies.Where(c => c.RecordKey.EndsWith("-2", StringComparison.Ordinal)))
            {
                var primary = copies.Single(c => c.RecordKey == detailed.RecordKey[..^1] + "1");
                Assert.Contains(primary.Items, i => i.Value is "2" or "3" && ReferralItems.Contains(i.ItemCode));
            }
        Assert.Contains(all, x => x.Copy.RecordKey.EndsWith("-2", StringComparison.Ordinal));
    }

    // The primary item of each program that says whether a detailed examination is needed.
    private static readonly HashSet<string> ReferralItems =
    [
        "9P504000000000011", "9P522000000000011", "9P546000000000011", "9P562000000000011", "9P582000000000011",
        "9N401000000000011", "9P637000000000011", "9P690000000000011",
    ];

    private static CopyDraft Draft(Copy c) => new(c.InternalAddressNumber, c.InformationNameCode, c.RecordKey, c.Version,
        c.ValidFrom, c.ValidTo, c.Items.Select(i => ((string?)i.ItemCode, (string?)i.Value)).ToList());
}
