using System.Diagnostics;
using System.Globalization;
using Linkage.Benchmarks.Copies;
using Linkage.Crypto;
using Linkage.Storage.Database;
using Linkage.Storage.Records;
using Microsoft.Extensions.Hosting;

namespace Linkage.Benchmarks.Records;

/// <summary>
/// Durable provision records per second through the gateway's group-commit writer (GroupCommitRecordWriter.AppendAsync,
/// many concurrent appenders, one transaction and one flush per batch) against the disk's single-flush rate: the same
/// record inserted by a raw prepared statement, one record per transaction, committed before the next, on the same
/// table of a fresh database. Both: WAL, synchronous=FULL, the writer's automatic checkpoint mark, and the gateway's
/// background WAL checkpointer running. Every record carries its real chain hash. Bar (DESIGN §7): at least 3×.
/// </summary>
public sealed class RecordsDurableBenchmark : IBenchmark
{
    private const int Appenders = 128;
    private const int Rounds = 6;
    private static readonly TimeSpan PhaseLength = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan WarmUpLength = TimeSpan.FromSeconds(1);

    public string Name => "records-durable";

    private sealed record Phase(long Acknowledged, long Stored, TimeSpan Elapsed, Latencies Latencies, TimeSpan ProcessorTime)
    {
        public double PerSecond => Acknowledged / Elapsed.TotalSeconds;
        public double CoreUse => ProcessorTime / Elapsed / Environment.ProcessorCount;
    }

    public async Task<string> RunAsync(CancellationToken ct)
    {
        // Warm both paths (JIT, dynamic PGO) on throwaway files; not reported.
        await SingleFlushAsync("records-warm-single", WarmUpLength, ct);
        await GroupCommitAsync("records-warm-group", WarmUpLength, ct);

        var rows = new List<(int Round, Phase Single, Phase Group)>();
        for (var round = 1; round <= Rounds; round++)
        {
            Console.WriteLine($"round {round}");
            // Alternate which goes first, so that neither always inherits the other's leftovers (page cache, disk queue).
            if (round % 2 == 1)
            {
                var single = await SingleFlushAsync($"records-single-{round}", PhaseLength, ct);
                rows.Add((round, single, await GroupCommitAsync($"records-group-{round}", PhaseLength, ct)));
            }
            else
            {
                var group = await GroupCommitAsync($"records-group-{round}", PhaseLength, ct);
                rows.Add((round, await SingleFlushAsync($"records-single-{round}", PhaseLength, ct), group));
            }
        }
        return Report(rows);
    }

    /// <summary>The baseline: one sequential caller, one record per transaction, each committed (flushed) before the next.</summary>
    private static async Task<Phase> SingleFlushAsync(string name, TimeSpan length, CancellationToken ct)
    {
        await using var storage = await BenchStorage.CreateAsync(name);
        var checkpointer = storage.Get<IEnumerable<IHostedService>>().OfType<WalCheckpointer>().Single();
        await checkpointer.StartAsync(ct);
        var latencies = new Latencies(100_000);
        await Settle();
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var written = await Task.Factory.StartNew(() =>
        {
            using var connection = SqlitePragmas.Unpooled(storage.ConnectionString);
            connection.Open();
            SqlitePragmas.ApplyForWriter(connection);
            using (var mark = connection.CreateCommand())
            {
                mark.CommandText = $"PRAGMA wal_autocheckpoint={GroupCommitRecordWriter.AutoCheckpointPages};";
                mark.ExecuteNonQuery();
            }
            using var insert = new BenchRecords.RawInsert(connection);
            var previous = RecordHasher.Sha256.Genesis;
            long sequence = 0;
            while (clock.Elapsed < length)
            {
                var started = Stopwatch.GetTimestamp();
                var at = DateTimeOffset.UtcNow;
                using var transaction = connection.BeginTransaction();
                previous = insert.Insert(transaction, ++sequence, previous, BenchRecords.Entry(sequence, at), BenchRecords.Permit(sequence, at));
                transaction.Commit();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return sequence;
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        clock.Stop();
        var processor = Process.GetCurrentProcess().TotalProcessorTime - before;
        await checkpointer.StopAsync(ct);
        return new Phase(written, BenchRecords.Count(storage.ConnectionString), clock.Elapsed, latencies, processor);
    }

    /// <summary>The gateway's writer: <see cref="Appenders"/> callers, each appending its next record as soon as the last is durable.</summary>
    private static async Task<Phase> GroupCommitAsync(string name, TimeSpan length, CancellationToken ct)
    {
        await using var storage = await BenchStorage.CreateAsync(name);
        var checkpointer = storage.Get<IEnumerable<IHostedService>>().OfType<WalCheckpointer>().Single();
        var writer = storage.Get<GroupCommitRecordWriter>();
        await checkpointer.StartAsync(ct);
        await writer.StartAsync(ct);
        var latencies = new Latencies(1_000_000);
        long next = 0, acknowledged = 0;
        await Settle();
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Appenders).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < length)
            {
                var n = Interlocked.Increment(ref next);
                var started = Stopwatch.GetTimestamp();
                var at = DateTimeOffset.UtcNow;
                await writer.AppendAsync(BenchRecords.Entry(n, at), BenchRecords.Permit(n, at), ct);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref acknowledged);
            }
        }, ct)));
        clock.Stop();
        var processor = Process.GetCurrentProcess().TotalProcessorTime - before;
        await writer.StopAsync(ct);
        await checkpointer.StopAsync(ct);
        return new Phase(acknowledged, BenchRecords.Count(storage.ConnectionString), clock.Elapsed, latencies, processor);
    }

    private static async Task Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
    }

    private static string Report(List<(int Round, Phase Single, Phase Group)> rows)
    {
        static string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);
        var singleTotal = rows.Sum(r => r.Single.Acknowledged) / rows.Sum(r => r.Single.Elapsed.TotalSeconds);
        var groupTotal = rows.Sum(r => r.Group.Acknowledged) / rows.Sum(r => r.Group.Elapsed.TotalSeconds);
        var ratios = rows.Select(r => r.Group.PerSecond / r.Single.PerSecond).Order().ToArray();
        var median = (ratios[(ratios.Length - 1) / 2] + ratios[ratios.Length / 2]) / 2;
        var overall = groupTotal / singleTotal;
        var singleLatencies = Latencies.Combine(rows.Select(r => r.Single.Latencies));
        var groupLatencies = Latencies.Combine(rows.Select(r => r.Group.Latencies));
        var lost = rows.Sum(r => r.Single.Acknowledged - r.Single.Stored + r.Group.Acknowledged - r.Group.Stored);
        var lines = new List<string>
        {
            "## Durable records: group commit vs the disk's single-flush rate (`make bench BENCH=records-durable`)",
            "",
            $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {BenchMachine.Describe(BenchStorage.Folder)}.",
            $"After a {WarmUpLength.TotalSeconds:0} s warm-up of each path, {Rounds} rounds of {PhaseLength.TotalSeconds:0} s per path, which goes first alternating, " +
            "each phase on a fresh database file migrated with the real migrations.",
            "Baseline (single flush): one caller inserts a provision record with a raw prepared INSERT into `ProvisionRecords` and commits it, " +
            "one record per transaction, before the next. Group commit: " +
            $"{Appenders} concurrent callers of the gateway's `GroupCommitRecordWriter.AppendAsync`, each appending its next record as soon as the last one is durable " +
            "(one transaction and one flush per batch). Both: the same table and indexes, real chain hashes (RecordHasher), WAL, synchronous=FULL, " +
            $"the writer's automatic checkpoint mark ({GroupCommitRecordWriter.AutoCheckpointPages:N0} pages) and the gateway's background WAL checkpointer. " +
            "Latency is one append from call to durable; CPU is this process's processor time over the phase.",
            "",
            "| round | single flush records/s | p50 ms | p99 ms | CPU | group commit records/s | p50 ms | p99 ms | CPU | ratio |",
            "|---|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r =>
            $"| {r.Round} | {F(r.Single.PerSecond)} | {F(r.Single.Latencies.Percentile(50), "0.00")} | {F(r.Single.Latencies.Percentile(99), "0.00")} | {r.Single.CoreUse:P0} of cores | " +
            $"{F(r.Group.PerSecond)} | {F(r.Group.Latencies.Percentile(50), "0.00")} | {F(r.Group.Latencies.Percentile(99), "0.00")} | {r.Group.CoreUse:P0} of cores | " +
            $"{F(r.Group.PerSecond / r.Single.PerSecond, "0.0")}× |"));
        lines.Add("");
        lines.Add($"Overall: single flush {F(singleTotal)} records/s (p50 {F(singleLatencies.Percentile(50), "0.00")} ms, **p99 {F(singleLatencies.Percentile(99), "0.00")} ms**); " +
            $"group commit {F(groupTotal)} records/s (p50 {F(groupLatencies.Percentile(50), "0.00")} ms, **p99 {F(groupLatencies.Percentile(99), "0.00")} ms**) " +
            $"= **{F(overall)}× the single-flush rate** (bar: ≥ 3× — {(overall >= 3 ? "passed" : "FAILED")}; " +
            $"rounds {F(ratios[0])}× to {F(ratios[^1])}×, median {F(median)}×). " +
            $"Records acknowledged and found stored after each phase: {rows.Sum(r => r.Single.Stored + r.Group.Stored):N0} of " +
            $"{rows.Sum(r => r.Single.Acknowledged + r.Group.Acknowledged):N0}{(lost == 0 ? "" : $" — {lost:N0} MISSING")}.");
        return string.Join('\n', lines) + "\n";
    }
}
