using System.Globalization;
using System.Net;
using System.Text;
using Linkage.Contracts.V1;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.Gateway.StaffConsole;

/// <summary>
/// Exchanges per day by outcome, as stacked bars in an SVG drawn here: no charting library, no script, no inline
/// style (CSP), only presentation attributes. Numbers and fixed labels only; nothing of a person.
/// </summary>
public static class ExchangesChart
{
    public static readonly (ProvisionOutcome Outcome, string Label, string Colour)[] Series =
    [
        (ProvisionOutcome.Provided, "提供", "#1b6ca8"),
        (ProvisionOutcome.Held, "保留", "#d98c00"),
        (ProvisionOutcome.NotProvided, "不提供", "#a10e0e"),
    ];

    private const int Width = 960, Height = 320, Left = 48, Right = 16, Top = 36, Bottom = 48;

    /// <summary>Counts per day (every day of the period, zeros included) and outcome.</summary>
    public static IReadOnlyList<(DateOnly Day, long[] Counts)> Days(IEnumerable<ExchangeCount> exchanges, DateOnly from, DateOnly to)
    {
        var byDay = new Dictionary<DateOnly, long[]>();
        for (var day = from; day <= to; day = day.AddDays(1)) byDay[day] = new long[Series.Length];
        foreach (var count in exchanges)
        {
            var index = Array.FindIndex(Series, s => s.Outcome == count.Outcome);
            if (index >= 0 && DateOnly.TryParseExact(count.Day, "yyyy-MM-dd", out var day) && byDay.TryGetValue(day, out var counts))
                counts[index] += count.Count;
        }
        return byDay.OrderBy(d => d.Key).Select(d => (d.Key, d.Value)).ToList();
    }

    public static string Svg(IReadOnlyList<(DateOnly Day, long[] Counts)> days)
    {
        var max = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => d.Counts.Sum()));
        // Four gridlines of a round step (1, 2 or 5 times a power of ten), so every label is a whole number.
        var scale = 4 * NiceCeiling((max + 3) / 4);
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        var slot = plotWidth / Math.Max(1, days.Count);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"exchanges-chart\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-labelledby=\"chart-title\">");
        svg.Append("<title id=\"chart-title\">過去30日間の日別情報提供件数（結果別）</title>");
        for (var step = 0; step <= 4; step++)
        {
            var value = scale * step / 4;
            var y = Top + plotHeight - plotHeight * step / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">{value}</text>");
        }
        for (var i = 0; i < days.Count; i++)
        {
            var (day, counts) = days[i];
            var x = Left + slot * i + slot * 0.15;
            var y = Top + plotHeight;
            for (var s = 0; s < Series.Length; s++)
            {
                if (counts[s] == 0) continue;
                var h = plotHeight * counts[s] / scale;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{h:0.#}\" fill=\"{Series[s].Colour}\">");
                svg.Append(CultureInfo.InvariantCulture, $"<title>{day.Month}月{day.Day}日 {Series[s].Label} {counts[s]}件</title></rect>");
            }
            if (i % 5 == 0 || i == days.Count - 1)
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + slot * 0.35:0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\">{day.Month}/{day.Day}</text>");
        }
        for (var s = 0; s < Series.Length; s++)
        {
            var x = Left + s * 110;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"10\" width=\"14\" height=\"14\" fill=\"{Series[s].Colour}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 20}\" y=\"22\" font-size=\"13\" fill=\"#1a1a1a\">{WebUtility.HtmlEncode(Series[s].Label)}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="max"/>.</summary>
    private static long NiceCeiling(long max)
    {
        long power = 1;
        while (true)
        {
            foreach (var factor in new long[] { 1, 2, 5 })
                if (factor * power >= max) return factor * power;
            power *= 10;
        }
    }
}
