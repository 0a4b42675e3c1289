namespace Linkage.Domain;

/// <summary>Validity dates of copies and list entries are calendar days in Japan (JST, UTC+9, no daylight saving).</summary>
public static class JapanDate
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The instant a day begins in Japan.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>A request's day as YYYY-MM-DD; null when not given; refused (VALUE_WRONG_TYPE on <paramref name="field"/>) when malformed.</summary>
    public static DateOnly? ParseDay(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var day)
            ? day
            : throw Errors.DomainException.InvalidField(field, Errors.ErrorReasons.ValueWrongType, $"{field} must be a date as YYYY-MM-DD.");
    }
}
