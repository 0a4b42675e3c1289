namespace Linkage.Domain;

/// <summary>
/// Dates as municipal forms write them: 2026年11月28日, and in the Japanese era (和暦) 令和8年11月28日, with 元年 for an
/// era's first year. Written out here rather than through the runtime's Japanese calendar: the gateway runs with
/// invariant globalization, and the eras of the records' lifetime are few and fixed.
/// </summary>
public static class WarekiDate
{
    private static readonly (DateOnly Start, string Name)[] Eras =
    [
        (new DateOnly(2019, 5, 1), "令和"),
        (new DateOnly(1989, 1, 8), "平成"),
        (new DateOnly(1926, 12, 25), "昭和"),
    ];

    public static string Gregorian(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";

    public static string Era(DateOnly day)
    {
        foreach (var (start, name) in Eras)
            if (day >= start)
            {
                var year = day.Year - start.Year + 1;
                return $"{name}{(year == 1 ? "元" : year.ToString(System.Globalization.CultureInfo.InvariantCulture))}年{day.Month}月{day.Day}日";
            }
        return Gregorian(day);
    }
}
