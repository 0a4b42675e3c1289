using System.Diagnostics;
using Linkage.Domain.Codes;
using Microsoft.Data.Sqlite;

namespace Linkage.Benchmarks.Copies;

/// <summary>
/// The provision look-up (ICopyStore.ReadCurrentAsync: index seek, visibility check, AES-GCM open) of the current copy
/// of (person, information name) with 100,000 and with 10,000,000 copies held. The filler rows are written with one
/// raw INSERT … SELECT (random payload bytes, never read); 1,000 real copies spread over the key range go through the
/// bulk path and are the ones looked up.
/// </summary>
public sealed class CopiesLookupBenchmark : IBenchmark
{
    private const int Real = 1_000;
    private const int Lookups = 20_000;

    public string Name => "copies-lookup";

    private static long Large => long.TryParse(Environment.GetEnvironmentVariable("LINKAGE_BENCH_LOOKUP_LARGE"), out var n) ? n : 10_000_000;

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var small = await MeasureAsync(100_000, ct);
        var large = await MeasureAsync(Large, ct);
        return $"""
            ## copies-lookup

            Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. {Lookups:N0} look-ups of random real persons after a warm-up, one at a time.

            | copies held | mean | p50 | p99 |
            |---|---|---|---|
            | {small.Held:N0} | {small.Mean:F1} µs | {small.P50:F1} µs | {small.P99:F1} µs |
            | {large.Held:N0} | {large.Mean:F1} µs | {large.P50:F1} µs | {large.P99:F1} µs |

            Mean at {large.Held:N0} / mean at {small.Held:N0}: **{large.Mean / small.Mean:F2}×** (target ≤ 1.20×).

            """;
    }

    private static async Task<(long Held, double Mean, double P50, double P99)> MeasureAsync(long held, CancellationToken ct)
    {
        await using var storage = await BenchStorage.CreateAsync("copies-lookup");
        var filler = held - Real;
        await using (var connection = new SqliteConnection(storage.ConnectionString))
        {
            await connection.OpenAsync(ct);
            using var fill = connection.CreateCommand();
            // Filler persons are even numbers, real ones odd and spread across the whole range of the index.
            fill.CommandText = $"""
                PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;
                WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {filler - 1})
                INSERT INTO Copies (InstitutionCode, InternalAddressNumber, InformationNameCode, RecordKey, Version, ValidFrom,
                    ValidTo, IsCurrent, IsDeleted, KeyId, Payload, RegisteredAt, BatchNumber)
                SELECT '{BenchStorage.Institution}', '08221' || printf('%010d', i * 2), '{BenchCopies.Name}', '{BenchCopies.RecordKey}',
                    1, '2025-06-01', NULL, 1, 0, 'bench-1', randomblob(259), 0, NULL FROM s;
                """;
            fill.CommandTimeout = 0;
            await fill.ExecuteNonQueryAsync(ct);
        }
        var step = Math.Max(1, filler / Real);
        var persons = Enumerable.Range(0, Real).Select(k => k * step * 2 + 1L).ToArray();
        await storage.Batches.RegisterAsync("bench", Stream(persons), ct);

        var store = storage.Copies;
        var name = InformationNameCode.Parse(BenchCopies.Name);
        var day = new DateOnly(2025, 7, 1);
        var random = new Random(7);
        var people = persons.Select(p => InternalAddressNumber.Parse(BenchCopies.Person(p))).ToArray();
        for (var i = 0; i < 10_000; i++) await store.ReadCurrentAsync(people[random.Next(Real)], name, day, ct);
        var times = new double[Lookups];
        var watch = new Stopwatch();
        for (var i = 0; i < Lookups; i++)
        {
            watch.Restart();
            var found = await store.ReadCurrentAsync(people[random.Next(Real)], name, day, ct);
            times[i] = watch.Elapsed.TotalMicroseconds;
            if (found.Count != 1) throw new InvalidOperationException("A real copy was not found.");
        }
        Array.Sort(times);
        return (held, times.Average(), times[Lookups / 2], times[(int)(Lookups * 0.99)]);
    }

    private static async IAsyncEnumerable<Domain.Copies.Batches.CopyBatchItem> Stream(long[] persons)
    {
        foreach (var p in persons) yield return new Domain.Copies.Batches.CopyBatchItem("lookup-real", BenchCopies.Draft(p));
        await Task.CompletedTask;
    }
}
