namespace Linkage.Domain;

/// <summary>Validity dates of copies and list entries are calendar days in Japan (JST, UTC+9, no daylight saving).</summary>
public static class JapanDate
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
