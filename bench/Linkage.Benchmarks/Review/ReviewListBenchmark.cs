using System.Diagnostics;
using System.Globalization;
using Linkage.Benchmarks.Copies;
using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Permits;
using Linkage.Domain.Review;
using Linkage.Storage.Review;
using Microsoft.Data.Sqlite;

namespace Linkage.Benchmarks.Review;

/// <summary>
/// A reviewer's page of 100 held responses (ListHeld's store query: escalated first, then oldest first) with 100,000
/// held against the same page with 1,000, on the gateway's real storage, alternating in rounds. The bar: at most 1.2×.
/// </summary>
public sealed class ReviewListBenchmark : IBenchmark
{
    private const int PageSize = 100;
    private const int PagesPerRound = 300;
    private const int Rounds = 6;

    public string Name => "review-list";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        await using var small = await FilledAsync("review-1k", 1_000);
        await using var large = await FilledAsync("review-100k", 100_000);
        var (smallStore, largeStore) = (small.Get<IHeldResponseStore>(), large.Get<IHeldResponseStore>());
        var smallMiddle = await TokenAtAsync(smallStore, 500);
        var largeMiddle = await TokenAtAsync(largeStore, 50_000);

        await MeasureAsync(smallStore, null, PagesPerRound / 3);
        await MeasureAsync(largeStore, null, PagesPerRound / 3);
        var rows = new List<(int Round, double Small, double Large, double SmallMiddle, double LargeMiddle)>();
        for (var round = 1; round <= Rounds; round++)
        {
            Console.WriteLine($"round {round}");
            rows.Add((round, await MeasureAsync(smallStore, null, PagesPerRound), await MeasureAsync(largeStore, null, PagesPerRound),
                await MeasureAsync(smallStore, smallMiddle, PagesPerRound), await MeasureAsync(largeStore, largeMiddle, PagesPerRound)));
        }
        return Report(rows);
    }

    private static async Task<BenchStorage> FilledAsync(string name, int count)
    {
        var storage = await BenchStorage.CreateAsync(name);
        var writer = storage.Get<HeldAttachmentWriter>();
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        using var connection = new SqliteConnection(storage.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        for (var i = 0; i < count; i++)
            writer.Write(connection, transaction, new HeldCreated(new HeldResponse($"permit-{i:D8}", $"inquiry-{i}",
                new SignedPermitData(new byte[120], new byte[64], "hub-1"), InternalAddressNumber.Parse($"0822100{i:D8}"),
                InformationNameCode.Parse("TM00000000013903"), "SUPPORT_MEASURE", start.AddSeconds(i), start.AddSeconds(i).AddDays(3),
                new HeldAnswerKey(new byte[32], new byte[32]), InquirerInstitution: "1000082015000000")));
        transaction.Commit();
        return storage;
    }

    private static async Task<string?> TokenAtAsync(IHeldResponseStore store, int position)
    {
        string? token = null;
        for (var skipped = 0; skipped < position; skipped += 1000)
            token = (await store.ListAsync(new HeldFilter([], [], null, null), token, 1000, DateTimeOffset.UtcNow, CancellationToken.None)).NextPageToken;
        return token;
    }

    /// <summary>Mean milliseconds per page.</summary>
    private static async Task<double> MeasureAsync(IHeldResponseStore store, string? token, int pages)
    {
        var filter = new HeldFilter([], [], null, null);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < pages; i++)
        {
            var page = await store.ListAsync(filter, token, PageSize, DateTimeOffset.UtcNow, CancellationToken.None);
            if (page.Items.Count != PageSize) throw new InvalidOperationException("A page came back short.");
        }
        return clock.Elapsed.TotalMilliseconds / pages;
    }

    private static string Report(List<(int Round, double Small, double Large, double SmallMiddle, double LargeMiddle)> rows)
    {
        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var first = rows.Average(r => r.Large) / rows.Average(r => r.Small);
        var middle = rows.Average(r => r.LargeMiddle) / rows.Average(r => r.SmallMiddle);
        var lines = new List<string>
        {
            "## Review list: a page of 100 with 100,000 held vs 1,000 (`BENCH=review-list make bench`)",
            "",
            $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC. The store query behind `Review/ListHeld` (undecided, escalated first, then oldest " +
            $"first, page tokens), {PagesPerRound} pages per measurement, {Rounds} rounds alternating the two databases; the first page, and a " +
            "page from the middle reached by its token.",
            "",
            "| round | 1,000 held: first page ms | 100,000 held: first page ms | 1,000: middle page ms | 100,000: middle page ms |",
            "|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r => $"| {r.Round} | {F(r.Small)} | {F(r.Large)} | {F(r.SmallMiddle)} | {F(r.LargeMiddle)} |"));
        lines.Add("");
        lines.Add($"Overall: the first page costs **{F(first)}×** and a middle page **{F(middle)}×** with 100,000 held what they cost with 1,000 (bar: ≤ 1.2×).");
        return string.Join('\n', lines) + "\n";
    }
}
