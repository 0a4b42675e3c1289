using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Linkage.Storage.Database;
using Npgsql;
using NpgsqlTypes;

namespace Linkage.Benchmarks.Copies;

/// <summary>
/// Bulk registration of 1,000,000 copies through the real bulk path (CopyBatchRegistration: validation against the
/// catalogue, duplicate detection, AES-GCM sealing, the chunked writer of the provider, batch completion), without the
/// gRPC stream, against the fastest raw load of the same rows (same columns, a payload of the same size) into the same
/// table of a fresh database: on SQLite a prepared INSERT in one transaction (WAL, synchronous=FULL); on PostgreSQL one
/// binary COPY straight into Copies (the bulk path copies into a staging table and moves the rows with INSERT … SELECT).
/// </summary>
public class CopiesBulkBenchmark : IBenchmark
{
    private readonly StorageProvider _provider;

    public CopiesBulkBenchmark() : this("copies-bulk", StorageProvider.Sqlite) { }

    protected CopiesBulkBenchmark(string name, StorageProvider provider)
    {
        Name = name;
        _provider = provider;
    }

    public string Name { get; }

    public bool NeedsPostgreSql => _provider == StorageProvider.PostgreSql;

    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("LINKAGE_BENCH_COPIES"), out var n) ? n : 1_000_000;

    /// <summary>The tables of the bulk path whose size per row the PostgreSQL section reports.</summary>
    private static readonly string[] CopyTables = ["Copies"];

    /// <summary>One load of all the copies into a fresh database: its wall time, this process's processor time and,
    /// on PostgreSQL, the server's.</summary>
    private sealed record Load(TimeSpan Wall, TimeSpan Process, TimeSpan? Server);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var loadBefore = BenchMachine.LoadAverage();
        var count = Count;
        var postgres = _provider == StorageProvider.PostgreSql;
        // PostgreSQL's loads are short beside this machine's drift: bulk and raw twice each, alternating.
        var rounds = postgres ? 2 : 1;
        var payloadBytes = 0;
        IReadOnlyList<(string Table, long Rows, long Bytes)>? bulkSizes = null, rawSizes = null;
        var bulks = new List<Load>();
        var raws = new List<Load>();
        // Round 0 warms both paths up with a tenth of the copies, not measured: a fresh process runs the bulk path's
        // validation, sealing and writer in unoptimised code for its first hundreds of thousands of rows.
        for (var round = 0; round <= rounds; round++)
        {
            Console.WriteLine(round == 0 ? "warm-up" : $"round {round}");
            var copies = round == 0 ? Math.Max(1, count / 10) : count;
            await using (var storage = await BenchStorage.CreateAsync(Name + "-bulk", _provider))
            {
                var (load, result) = await MeasureAsync(postgres, () => storage.Batches.RegisterAsync("bench", BenchCopies.Stream("bench-bulk", 0, copies), ct), ct);
                if (result.Stored != copies) throw new InvalidOperationException($"Stored {result.Stored} of {copies}.");
                if (round > 0) bulks.Add(load);
                await using var connection = await storage.Get<StorageDatabase>().OpenAsync(ct);
                await using var size = connection.CreateCommand();
                size.CommandText = postgres
                    ? "SELECT CAST(AVG(LENGTH(\"Payload\")) AS INTEGER) FROM \"Copies\""
                    : "SELECT CAST(AVG(LENGTH(Payload)) AS INTEGER) FROM Copies";
                payloadBytes = Convert.ToInt32(await size.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                if (postgres) bulkSizes = await BenchPostgres.TableSizesAsync(connection, CopyTables, ct);
            }

            await using (var storage = await BenchStorage.CreateAsync(Name + "-raw", _provider))
            {
                var bytes = payloadBytes;
                var (load, _) = await MeasureAsync(postgres, () => Task.FromResult(postgres
                    ? RawCopy(storage.ConnectionString, copies, bytes)
                    : RawInsert(storage.ConnectionString, copies, bytes)), ct);
                if (round > 0) raws.Add(load);
                if (postgres)
                {
                    await using var connection = await storage.Get<StorageDatabase>().OpenAsync(ct);
                    rawSizes = await BenchPostgres.TableSizesAsync(connection, CopyTables, ct);
                }
            }
        }

        var bulk = TimeSpan.FromTicks(bulks.Sum(l => l.Wall.Ticks));
        var raw = TimeSpan.FromTicks(raws.Sum(l => l.Wall.Ticks));
        var ratio = raw.TotalSeconds / bulk.TotalSeconds;
        var version = postgres ? await BenchPostgres.VersionAsync(ct) : null;
        var (baseline, conditions) = postgres
            ? ("raw binary COPY straight into Copies, one transaction (baseline)",
                $"Both paths: PostgreSQL {version} on a local throwaway cluster (scripts/pg-local.sh; fsync on, synchronous_commit on, " +
                "shared_buffers 256 MB), a fresh database each time, the institution's schema and role, same schema and indexes.")
            : ("raw prepared INSERT, one transaction (baseline)", "Both runs: WAL, synchronous=FULL, same schema and indexes, fresh file.");
        var sizes = postgres
            ? "\nCopies after the last load of each path (pg_total_relation_size: heap, TOAST and both indexes):\n\n" +
              BenchPostgres.SizeTable(bulkSizes!.Select(s => ("Copies, bulk path", s.Rows, s.Bytes)).Concat(rawSizes!.Select(s => ("Copies, raw COPY", s.Rows, s.Bytes))))
            : "";
        var chunk = postgres
            ? "chunks of first registrations by binary COPY straight into Copies (a staging table and INSERT … SELECT only for chunks with records already there or corrections)"
            : "chunked writer";
        string Row(string path, Load load, int copies) =>
            string.Create(CultureInfo.InvariantCulture, $"| {path} | {load.Wall.TotalSeconds:F1} s | {copies / load.Wall.TotalSeconds:N0} | {load.Process.TotalMicroseconds / copies:F1} µs |") +
            (!postgres ? "" : load.Server is { } server ? string.Create(CultureInfo.InvariantCulture, $" {server.TotalMicroseconds / copies:F1} µs |") : " not readable |");
        var table = new List<string>
        {
            postgres ? "| round: path | time | copies/s | this process's CPU per copy | the server's CPU per copy |" : "| path | time | copies/s | CPU per copy |",
            postgres ? "|---|---|---|---|---|" : "|---|---|---|---|",
        };
        for (var round = 0; round < rounds; round++)
        {
            var prefix = postgres ? $"{round + 1}: " : "";
            table.Add(Row(prefix + baseline, raws[round], count));
            table.Add(Row(prefix + $"bulk registration: validation + AES-GCM + {chunk} + completion (no gRPC)", bulks[round], count));
        }
        var roundRatios = postgres
            ? $" (by round: {string.Join(", ", Enumerable.Range(0, rounds).Select(r => (raws[r].Wall / bulks[r].Wall).ToString("0.00", CultureInfo.InvariantCulture) + "×"))})"
            : "";
        return $"""
            ## {Name}

            Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {BenchMachine.Describe(postgres ? Path.GetTempPath() : BenchStorage.Folder)}; load average (1 / 5 / 15 min) {loadBefore} at the start, {BenchMachine.LoadAverage()} at the end. {count:N0} osteoporosis copies of 8 items each{(postgres ? $", each path {rounds} times, alternating (bulk first)" : "")}, after both paths were warmed up with {Math.Max(1, count / 10):N0} (not measured).

            {string.Join("\n", table)}

            Ratio (bulk throughput / raw throughput{(postgres ? ", over all the loads of each path" : "")}): **{ratio:F2}×**{roundRatios} (target ≥ 0.4× — {(ratio >= 0.4 ? "met" : "NOT met")}). Payload {payloadBytes} bytes per row.
            The gRPC client stream is not included; the bulk path's CPU includes making the copies (the raw path writes one payload of the same size for every row). {conditions}
            {sizes}
            """;
    }

    /// <summary>Runs one load on a settled process and measures it.</summary>
    private static async Task<(Load Load, T Result)> MeasureAsync<T>(bool postgres, Func<Task<T>> run, CancellationToken ct)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var server = postgres ? await BenchPostgres.ServerProcessorTimeAsync(ct) : null;
        var processor = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await run();
        var wall = watch.Elapsed;
        var process = Process.GetCurrentProcess().TotalProcessorTime - processor;
        TimeSpan? serverTime = null;
        if (postgres && server is { } before && await BenchPostgres.ServerProcessorTimeAsync(ct) is { } after) serverTime = after - before;
        return (new Load(wall, process, serverTime), result);
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

    /// <summary>The same rows by one binary COPY into Copies, in one transaction, as the institution's role, with the
    /// synchronous writer the bulk path uses.</summary>
    private static TimeSpan RawCopy(string connectionString, int count, int payloadBytes)
    {
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        var validFrom = new DateOnly(2025, 6, 1);
        var at = DateTimeOffset.UtcNow.Ticks;
        var watch = Stopwatch.StartNew();
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using (var copy = connection.BeginBinaryImport("""
            COPY "Copies" ("InstitutionCode", "InternalAddressNumber", "InformationNameCode", "RecordKey", "Version", "ValidFrom",
                "ValidTo", "IsCurrent", "IsDeleted", "KeyId", "Payload", "RegisteredAt", "BatchNumber") FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var n = 0; n < count; n++)
            {
                copy.StartRow();
                copy.Write(BenchStorage.Institution, NpgsqlDbType.Varchar);
                copy.Write(BenchCopies.Person(n), NpgsqlDbType.Varchar);
                copy.Write(BenchCopies.Name, NpgsqlDbType.Varchar);
                copy.Write(BenchCopies.RecordKey, NpgsqlDbType.Varchar);
                copy.Write(1, NpgsqlDbType.Integer);
                copy.Write(validFrom, NpgsqlDbType.Date);
                copy.WriteNull();
                copy.Write(true, NpgsqlDbType.Boolean);
                copy.Write(false, NpgsqlDbType.Boolean);
                copy.Write("bench-1", NpgsqlDbType.Varchar);
                copy.Write(payload, NpgsqlDbType.Bytea);
                copy.Write(at, NpgsqlDbType.Bigint);
                copy.WriteNull();
            }
            copy.Complete();
        }
        transaction.Commit();
        return watch.Elapsed;
    }
}
