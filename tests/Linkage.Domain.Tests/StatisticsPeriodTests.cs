using Linkage.Domain.Errors;
using Linkage.Domain.Statistics;

namespace Linkage.Domain.Tests;

/// <summary>
/// The period of business statistics: days in Japan, both ends included; the last 30 days by default; at most 366
/// days; an inverted, too long or malformed period refused with the field and a reason.
/// </summary>
public sealed class StatisticsPeriodTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Fact]
    public void Without_dates_it_is_the_30_days_up_to_today()
    {
        var period = StatisticsPeriod.Parse("", "", Today);
        Assert.Equal((new DateOnly(2026, 10, 30), Today, 30), (period.From, period.To, period.Days));
    }

    [Fact]
    public void Without_a_start_it_is_the_30_days_up_to_the_end_and_without_an_end_it_runs_to_today()
    {
        Assert.Equal(new DateOnly(2026, 3, 2), StatisticsPeriod.Parse(null, "2026-03-31", Today).From);
        Assert.Equal(Today, StatisticsPeriod.Parse("2026-11-01", null, Today).To);
    }

    [Fact]
    public void Its_instants_are_midnight_in_Japan_at_either_end()
    {
        var period = StatisticsPeriod.Parse("2026-11-01", "2026-11-01", Today);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 15, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 15, 0, 0, TimeSpan.Zero), period.End);
        Assert.Equal(1, period.Days);
    }

    [Theory]
    [InlineData("2025-11-28", "2026-11-28", 366)]
    [InlineData("2024-01-01", "2024-12-31", 366)]
    public void A_year_is_counted(string from, string to, int days) => Assert.Equal(days, StatisticsPeriod.Parse(from, to, Today).Days);

    [Theory]
    [InlineData("2026-11-02", "2026-11-01", "to_date", ErrorReasons.PeriodInverted)]
    [InlineData("2026-12-01", "", "to_date", ErrorReasons.PeriodInverted)]
    [InlineData("2025-11-27", "2026-11-28", "from_date", ErrorReasons.PeriodTooLong)]
    [InlineData("2026-11-31", "", "from_date", ErrorReasons.ValueWrongType)]
    [InlineData("", "28/11/2026", "to_date", ErrorReasons.ValueWrongType)]
    public void A_period_that_cannot_be_counted_is_refused_with_the_field_and_why(string from, string to, string field, string reason)
    {
        var error = Assert.Throws<DomainException>(() => StatisticsPeriod.Parse(from, to, Today));
        Assert.Equal((ErrorKind.InvalidArgument, reason, field), (error.Kind, error.Reason, Assert.Single(error.Violations).Field));
    }
}
