using System.Globalization;
using Linkage.Domain.Copies;
using Linkage.Domain.Copies.Batches;

namespace Linkage.Benchmarks.Copies;

/// <summary>Osteoporosis primary screening copies (eight items, values varying per person) for the copy benchmarks.</summary>
internal static class BenchCopies
{
    public static readonly string Name = InformationNames.OsteoporosisScreening.Code.Value;
    public const string RecordKey = "2025-57-1";

    public static string Person(long n) => "08221" + n.ToString("D10", CultureInfo.InvariantCulture);

    public static CopyDraft Draft(long n)
    {
        var height = (1450 + n % 400) / 10.0;
        var weight = (400 + n % 450) / 10.0;
        return new CopyDraft(Person(n), Name, RecordKey, 1, "2025-06-01", null,
        [
            ("9N001000000000001", height.ToString("0.0", CultureInfo.InvariantCulture)),
            ("9N006000000000001", weight.ToString("0.0", CultureInfo.InvariantCulture)),
            ("9P622000000000011", (1 + n % 2).ToString(CultureInfo.InvariantCulture)),
            ("9P625000000000011", (1 + n % 3).ToString(CultureInfo.InvariantCulture)),
            ("9Z507000000000011", (1 + n % 3).ToString(CultureInfo.InvariantCulture)),
            ("9Z507195700000001", (0.55 + n % 40 / 100.0).ToString("0.000", CultureInfo.InvariantCulture)),
            ("9Z507195800000049", "腰椎"),
            ("9P637000000000011", (1 + n % 3).ToString(CultureInfo.InvariantCulture)),
        ]);
    }

    public static async IAsyncEnumerable<CopyBatchItem> Stream(string batchId, long first, long count)
    {
        for (var n = first; n < first + count; n++) yield return new CopyBatchItem(batchId, Draft(n));
        await Task.CompletedTask;
    }
}
