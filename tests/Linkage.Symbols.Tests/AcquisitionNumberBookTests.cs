using Linkage.Domain.Errors;
using Linkage.Registry.Sim;
using Linkage.Sim.Population;
using Microsoft.Extensions.Options;

namespace Linkage.Symbols.Tests;

/// <summary>The resident registry simulator: acquisition numbers are random, one-time and short-lived.</summary>
public sealed class AcquisitionNumberBookTests
{
    private readonly SyntheticPopulation _population = new(100);
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly AcquisitionNumberBook _book;

    public AcquisitionNumberBookTests() =>
        _book = new AcquisitionNumberBook(Options.Create(new RegistryOptions { PopulationSize = 100, AcquisitionNumberLifetime = TimeSpan.FromMinutes(10) }), _clock);

    [Fact]
    public void A_number_stands_for_its_resident_and_is_redeemed_once()
    {
        var (number, expiresAt) = _book.Issue(_population.IndividualNumberOf(5));
        Assert.Matches("^[0-9]{16}$", number);
        Assert.Equal(_clock.Now.AddMinutes(10), expiresAt);
        Assert.Equal(_population.ResidentCodeOf(5), _book.Redeem(number));
        Assert.Equal(ErrorReasons.AcquisitionNumberUsed, Assert.Throws<DomainException>(() => _book.Redeem(number)).Reason);
    }

    [Fact]
    public void Two_numbers_for_one_resident_differ()
    {
        var individual = _population.IndividualNumberOf(6);
        Assert.NotEqual(_book.Issue(individual).Number, _book.Issue(individual).Number);
    }

    [Fact]
    public void An_expired_number_is_refused()
    {
        var (number, _) = _book.Issue(_population.IndividualNumberOf(7));
        _clock.Now = _clock.Now.AddMinutes(10);
        Assert.Equal(ErrorReasons.AcquisitionNumberExpired, Assert.Throws<DomainException>(() => _book.Redeem(number)).Reason);
    }

    [Fact]
    public void An_unknown_number_is_refused() =>
        Assert.Equal(ErrorReasons.AcquisitionNumberUnknown, Assert.Throws<DomainException>(() => _book.Redeem("0000000000000000")).Reason);

    [Fact]
    public void A_wrong_check_digit_and_an_unknown_person_are_refused()
    {
        var valid = _population.IndividualNumberOf(8);
        var wrongCheck = valid[..11] + (char)('0' + (valid[11] - '0' + 1) % 10);
        Assert.Equal(ErrorReasons.MalformedCode, Assert.Throws<DomainException>(() => _book.Issue(wrongCheck)).Reason);
        Assert.Equal(ErrorReasons.PersonUnknown,
            Assert.Throws<DomainException>(() => _book.Issue(new SyntheticPopulation(1_000).IndividualNumberOf(500))).Reason);
    }
}
