using Linkage.Sim.Population;

namespace Linkage.Symbols.Tests;

public sealed class SyntheticPopulationTests
{
    private readonly SyntheticPopulation _population = new(20_000);

    [Fact]
    public void Identifiers_are_well_formed_and_unique()
    {
        var individual = Enumerable.Range(0, _population.Size).Select(_population.IndividualNumberOf).ToList();
        var internalNumbers = Enumerable.Range(0, _population.Size).Select(i => _population.InternalAddressNumberOf(i, "08221")).ToList();
        Assert.All(individual, n => Assert.True(IndividualNumber.IsValid(n)));
        Assert.Equal(individual.Count, individual.Distinct().Count());
        Assert.All(internalNumbers, n => Assert.Matches("^08221[0-9]{10}$", n));
        Assert.Equal(internalNumbers.Count, internalNumbers.Distinct().Count());
    }

    [Fact]
    public void The_check_digit_follows_the_ordinance()
    {
        // Weights 2..7 then 2..6 from the right of the eleven digits; remainder 0 or 1 gives 0, otherwise 11 - remainder.
        Assert.Equal(8, IndividualNumber.CheckDigit("12345678901"));
        Assert.Equal(0, IndividualNumber.CheckDigit("00000000000"));
        Assert.False(IndividualNumber.IsValid("123456789010"));
        Assert.True(IndividualNumber.IsValid("123456789018"));
    }

    [Fact]
    public void A_resident_is_the_same_in_every_process()
    {
        // Fixed values: a per-process random hash would make the registry and the address system disagree.
        var resident = new SyntheticPopulation().Get(7);
        Assert.Equal(ExpectedResident7, $"{resident.FamilyName}{resident.GivenName}|{resident.Sex}|{resident.BirthDate:yyyy-MM-dd}|{resident.ResidenceStart:yyyy-MM-dd}");
    }

    [Fact]
    public void A_few_residents_have_left_with_a_consistent_residence_period()
    {
        var residents = Enumerable.Range(0, _population.Size).Select(_population.Get).ToList();
        var left = residents.Where(r => r.HasLeft).ToList();
        Assert.InRange(left.Count, _population.Size / 200, _population.Size / 30);
        Assert.All(residents, r =>
        {
            Assert.Equal(r.HasLeft, _population.HasLeft(r.Index));
            Assert.InRange(r.ResidenceStart, r.BirthDate, SyntheticPopulation.AsOf);
            if (r.ResidenceEnd is { } end) Assert.InRange(end, r.ResidenceStart, SyntheticPopulation.AsOf);
            Assert.StartsWith("茨城県ひたちなか市", r.Address);
        });
    }

    private const string ExpectedResident7 = "吉田正|M|1947-04-16|1960-11-06";
}
