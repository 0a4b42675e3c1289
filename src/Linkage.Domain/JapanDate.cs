namespace Linkage.Domain;

/// <summary>Validity dates of copies and list entries are calendar days in Japan (JST, UTC+9, no daylight saving).</summary>
public static class JapanDate
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The instant a day begins in Japan; <see cref="DateOnly.MinValue"/> has none and gives null.</summary>
    public static DateTimeOffset? StartOf(DateOnly day) =>
        day == DateOnly.MinValue ? null : new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset);
}
