using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Linkage.Storage.Database;

namespace Linkage.Benchmarks.Copies;

/// <summary>
/// Bulk registration of 1,000,000 copies through the real bulk path (CopyBatchRegistration: validation against the
/// catalogue, duplicate detection, AES-GCM sealing, the chunked raw-statement writer, batch completion), without the
/// gRPC stream, against a raw prepared-statement insert of the same rows (same columns, a payload of the same size)
/// into the same table of a fresh database in one transaction. Both with WAL and synchronous=FULL.
/// </summary>
public sealed class CopiesBulkBenchmark : IBenchmark
{
    public string Name => "copies-bulk";

    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("LINKAGE_BENCH_COPIES"), out var n) ? n : 1_000_000;

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var count = Count;
        int payloadBytes;
        TimeSpan bulk;
        int stored;
        await using (var storage = await BenchStorage.CreateAsync("copies-bulk"))
        {
            var watch = Stopwatch.StartNew();
            var result = await storage.Batches.RegisterAsync(BenchCopies.Stream("bench-bulk", 0, count), ct);
            bulk = watch.Elapsed;
            stored = result.Stored;
            if (result.Stored != count) throw new InvalidOperationException($"Stored {result.Stored} of {count}.");
            await using var connection = new SqliteConnection(storage.ConnectionString);
            await connection.OpenAsync(ct);
            using var size = connection.CreateCommand();
            size.CommandText = "SELECT CAST(AVG(LENGTH(Payload)) AS INTEGER) FROM Copies";
            payloadBytes = Convert.ToInt32(await size.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        TimeSpan raw;
        await using (var storage = await BenchStorage.CreateAsync("copies-raw"))
            raw = RawInsert(storage.ConnectionString, count, payloadBytes);

        var ratio = raw.TotalSeconds / bulk.TotalSeconds;
        return $"""
            ## copies-bulk

            Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. {count:N0} osteoporosis copies of 8 items each.

            | path | time | copies/s |
            |---|---|---|
            | raw prepared INSERT, one transaction (baseline) | {raw.TotalSeconds:F1} s | {count / raw.TotalSeconds:N0} |
            | bulk registration: validation + AES-GCM + chunked writer + completion (no gRPC) | {bulk.TotalSeconds:F1} s | {stored / bulk.TotalSeconds:N0} |

            Ratio (bulk throughput / raw throughput): **{ratio:F2}×** (target ≥ 0.4×). Payload {payloadBytes} bytes per row.
            The gRPC client stream is not included. Both runs: WAL, synchronous=FULL, same schema and indexes, fresh file.

            """;
    }

    private static TimeSpan RawInsert(string connectionString, int count, int payloadBytes)
    {
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        var watch = Stopwatch.StartNew();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = SqlitePragmas.Statements;
            pragma.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Copies (InstitutionCode, InternalAddressNumber, InformationNameCode, RecordKey, Version, ValidFrom,
                ValidTo, IsCurrent, IsDeleted, KeyId, Payload, RegisteredAt, BatchNumber)
            VALUES ($inst, $person, $name, $key, 1, '2025-06-01', NULL, 1, 0, 'bench-1', $payload, $at, NULL)
            """;
        insert.Parameters.AddWithValue("$inst", BenchStorage.Institution);
        var person = insert.Parameters.Add("$person", SqliteType.Text);
        insert.Parameters.AddWithValue("$name", BenchCopies.Name);
        insert.Parameters.AddWithValue("$key", BenchCopies.RecordKey);
        insert.Parameters.AddWithValue("$payload", payload);
        insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.Ticks);
        insert.Prepare();
        for (var n = 0; n < count; n++)
        {
            person.Value = BenchCopies.Person(n);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return watch.Elapsed;
    }
}
