using Linkage.Domain.Errors;

namespace Linkage.Domain.Statistics;

/// <summary>
/// The days that business statistics count over: calendar days in Japan (<see cref="JapanDate"/>), both ends included,
/// at most <see cref="MaxDays"/>, so that one request cannot ask the records of seven years to be grouped at once.
/// </summary>
public sealed record StatisticsPeriod
{
    public const int MaxDays = 366;
    public const int DefaultDays = 30;

    private StatisticsPeriod(DateOnly from, DateOnly to)
    {
        From = from;
        To = to;
    }

    public DateOnly From { get; }
    public DateOnly To { get; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The first instant of the period: midnight in Japan at the start of <see cref="From"/>.</summary>
    public DateTimeOffset Start => JapanDate.StartOf(From);

    /// <summary>The first instant after the period: midnight in Japan at the end of <see cref="To"/>.</summary>
    public DateTimeOffset End => JapanDate.StartOf(To.AddDays(1));

    /// <summary>
    /// The period from the request's YYYY-MM-DD dates: an empty end is <paramref name="today"/>, an empty start the
    /// <see cref="DefaultDays"/> days up to the end. Refused (INVALID_ARGUMENT): a malformed date, an end before the
    /// start, more than <see cref="MaxDays"/> days.
    /// </summary>
    public static StatisticsPeriod Parse(string? from, string? to, DateOnly today)
    {
        var end = JapanDate.ParseDay(to, "to_date") ?? today;
        var start = JapanDate.ParseDay(from, "from_date") ?? end.AddDays(1 - DefaultDays);
        if (end < start)
            throw DomainException.InvalidField("to_date", ErrorReasons.PeriodInverted, "The period ends before it starts.");
        var period = new StatisticsPeriod(start, end);
        if (period.Days > MaxDays)
            throw DomainException.InvalidField("from_date", ErrorReasons.PeriodTooLong,
                $"The period is {period.Days} days; at most {MaxDays} are counted at once.");
        return period;
    }
}
