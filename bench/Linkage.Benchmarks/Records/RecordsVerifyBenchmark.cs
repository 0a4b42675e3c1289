using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Linkage.Benchmarks.Copies;
using Linkage.Crypto;
using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Records;
using Linkage.Storage.Checkpoints;
using Microsoft.Data.Sqlite;

namespace Linkage.Benchmarks.Records;

/// <summary>
/// Verify of 1,000,000 provision records sealed by a checkpoint every 1,000 (the path behind Records/Verify:
/// SealedChainVerifier over DbRecordReader.ReadAllAsync, with the store's checkpoints, their signatures, the
/// witness's countersignatures and its head) against a raw SHA-256 over the same rows read from the same table. Bar
/// (DESIGN §7): Verify at least 0.3× the raw hash's speed.
/// </summary>
public sealed class RecordsVerifyBenchmark : IBenchmark
{
    private const int CheckpointEvery = 1_000;
    private const int Rounds = 4;

    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("LINKAGE_BENCH_RECORDS"), out var n) ? n : 1_000_000;

    public string Name => "records-verify";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var count = Count;
        await using var storage = await BenchStorage.CreateAsync("records-verify");
        var (ownPrivate, ownPublic) = Ed25519Keys.Generate();
        var (hubPrivate, hubPublic) = Ed25519Keys.Generate();
        var chainNode = storage.Get<SealedChains>().Node;
        var signatures = new CheckpointSignatures(new Ed25519SignatureSigner(ownPrivate, "bench-checkpoint-1"),
            new Dictionary<string, Ed25519SignatureVerifier> { [chainNode] = new(ownPublic, "bench-checkpoint-1") },
            new Ed25519SignatureVerifier(hubPublic, "bench-hub-1"));
        var hub = new BenchWitness(new Ed25519SignatureSigner(hubPrivate, "bench-hub-1"), TimeProvider.System);
        var store = storage.Get<ICheckpointStore>();
        var chain = storage.Get<SealedChains>().ProvisionRecords;

        var fill = Stopwatch.StartNew();
        using (var sealer = new ChainSealer(store, signatures, hub, storage.Get<IChainAnchors>(), TimeProvider.System))
            await FillAsync(storage.ConnectionString, count, sealer, chain, ct);
        fill.Stop();

        var verifier = new SealedChainVerifier<ProvisionRecordEntry>(new HashChainVerifier<ProvisionRecordEntry>(RecordHasher.Sha256),
            signatures, store, hub, storage.Get<IChainAnchors>());
        var reader = storage.Get<IRecordReader>();
        async Task<(TimeSpan Time, ChainVerification Result)> Verify()
        {
            await Settle();
            var watch = Stopwatch.StartNew();
            var result = await verifier.VerifyAsync(chain, reader.ReadAllAsync(chain.Node, ct), ct);
            return (watch.Elapsed, result);
        }
        async Task<(TimeSpan Time, long Rows, long Bytes)> Raw()
        {
            await Settle();
            var watch = Stopwatch.StartNew();
            var (rows, bytes) = RawHash(storage.ConnectionString);
            return (watch.Elapsed, rows, bytes);
        }

        // One pass of each first, not reported: the page cache, JIT and dynamic PGO.
        await Raw();
        await Verify();
        var rounds = new List<(int Round, TimeSpan Raw, TimeSpan Verify)>();
        ChainVerification? last = null;
        long rawRows = 0, rawBytes = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            Console.WriteLine($"round {round}");
            // Alternate which goes first, so that neither always inherits the other's garbage.
            (TimeSpan Time, long Rows, long Bytes) raw;
            (TimeSpan Time, ChainVerification Result) verify;
            if (round % 2 == 1) { raw = await Raw(); verify = await Verify(); }
            else { verify = await Verify(); raw = await Raw(); }
            Check(verify.Result, count, raw.Rows);
            (last, rawRows, rawBytes) = (verify.Result, raw.Rows, raw.Bytes);
            rounds.Add((round, raw.Time, verify.Time));
        }
        return Report(count, fill.Elapsed, rounds, last!, rawBytes / (double)rawRows);
    }

    /// <summary>The chain, 1,000 records per transaction, each thousand sealed by the real sealer and witnessed.</summary>
    private static async Task FillAsync(string connectionString, int count, ChainSealer sealer, ISealedChain chain, CancellationToken ct)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var insert = new BenchRecords.RawInsert(connection);
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        var previous = RecordHasher.Sha256.Genesis;
        for (long sequence = 1; sequence <= count;)
        {
            using (var transaction = connection.BeginTransaction())
            {
                for (var i = 0; i < CheckpointEvery && sequence <= count; i++, sequence++)
                {
                    var at = start.AddMilliseconds(sequence * 30_000L);
                    previous = insert.Insert(transaction, sequence, previous, BenchRecords.Entry(sequence, at), BenchRecords.Permit(sequence, at));
                }
                transaction.Commit();
            }
            if (await sealer.SealAsync(chain, ct) is null) throw new InvalidOperationException("Nothing was sealed.");
            if (await sealer.WitnessAsync(chain.ChainId, ct) != 1) throw new InvalidOperationException("The checkpoint was not witnessed.");
            if (sequence % 100_000 == 1) Console.WriteLine($"filled {sequence - 1:N0}");
        }
    }

    /// <summary>
    /// The baseline: every row of the table read in sequence order, every field's bytes (numbers as 8 bytes, text and
    /// blobs as stored: UTF-8 for text) into one running SHA-256. No chain, no checkpoints, no domain objects.
    /// </summary>
    private static (long Rows, long Bytes) RawHash(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT Sequence, InstitutionCode, RecordedAtMs, Direction, InquiryId, PermitId, InquirerInstitution, ProviderInstitution,
                Affair, Procedure, InformationName, LegalBasis, Outcome, Reason, InternalAddressNumber, PreviousHash, Hash, PermitExpiresAtMs
            FROM ProvisionRecords ORDER BY Sequence
            """;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[4096];
        long rows = 0, bytes = 0;
        using var reader = select.ExecuteReader();
        // By column: 'i' an integer (8 bytes), else text or a blob, whose stored bytes (UTF-8 for text) SQLite hands over as they are.
        const string kinds = "ibiibbbbbbbbibbbbi";
        while (reader.Read())
        {
            var length = 0;
            for (var i = 0; i < kinds.Length; i++)
            {
                if (reader.IsDBNull(i)) continue;
                if (kinds[i] == 'i')
                {
                    BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(length), reader.GetInt64(i));
                    length += 8;
                    continue;
                }
                // Whole (GetBytes would open an incremental blob handle per call).
                var stored = reader.GetFieldValue<byte[]>(i);
                stored.CopyTo(buffer.AsSpan(length));
                length += stored.Length;
            }
            sha.AppendData(buffer, 0, length);
            rows++;
            bytes += length;
        }
        _ = sha.GetHashAndReset();
        return (rows, bytes);
    }

    private static void Check(ChainVerification result, int count, long rawRows)
    {
        if (!result.Intact || result.Checked != count || rawRows != count || result.CheckpointsChecked != count / CheckpointEvery
            || result.UnwitnessedCheckpoints != 0 || !result.HubCompared || result.WitnessedSequence != count)
            throw new InvalidOperationException($"Verification did not see the whole sealed chain: {result}; raw rows {rawRows}.");
    }

    private static async Task Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
    }

    private static string Report(int count, TimeSpan fill, List<(int Round, TimeSpan Raw, TimeSpan Verify)> rounds, ChainVerification result, double rowBytes)
    {
        static string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);
        var ratios = rounds.Select(r => r.Raw / r.Verify).Order().ToArray();
        var median = (ratios[(ratios.Length - 1) / 2] + ratios[ratios.Length / 2]) / 2;
        var overall = rounds.Sum(r => r.Raw.TotalSeconds) / rounds.Sum(r => r.Verify.TotalSeconds);
        var lines = new List<string>
        {
            "## Verify of 1,000,000 sealed records vs a raw SHA-256 over the same rows (`make bench BENCH=records-verify`)",
            "",
            $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {BenchMachine.Describe(BenchStorage.Folder)}.",
            $"{count:N0} incoming-provision records in `ProvisionRecords` of a fresh database (migrated with the real migrations), written " +
            $"{CheckpointEvery:N0} per transaction with their real chain hashes (RecordHasher), each {CheckpointEvery:N0} sealed by the real `ChainSealer` " +
            $"(Ed25519 checkpoint key generated for the run, `CheckpointSignatures`, `DbCheckpointStore`) and witnessed: {result.CheckpointsChecked:N0} checkpoints " +
            $"(setup {fill.TotalSeconds:0} s, not measured). The witness is an in-process stand-in for the hub (`BenchWitness`): it countersigns each checkpoint " +
            "with a second generated Ed25519 key over the bytes the hub signs and keeps the witnessed head in memory, so the hub's gRPC round trip " +
            "(one per Verify) is not in the figure.",
            "Verify = what `Records/Verify` runs, without gRPC: `SealedChainVerifier<ProvisionRecordEntry>` over `DbRecordReader.ReadAllAsync` " +
            "(EF Core, every row to a domain entry), recomputing every link's hash, checking both signatures on every checkpoint, that the checkpoints " +
            "follow one another, every sealed hash and the witness's head. Baseline = one SHA-256 over every field of every row " +
            "(read in sequence order with a raw `SqliteDataReader`, each field's stored bytes as SQLite hands them over: integers as 8 bytes, text as its UTF-8, " +
            $"hashes as they are; {rowBytes:0} bytes a row), no verification logic, no decoding into strings or domain objects. " +
            $"After one unreported pass of each (page cache, JIT), {Rounds} rounds, which goes first alternating, each on a settled process.",
            "",
            "| round | raw SHA-256 s | raw rows/s | Verify s | Verify records/s | ratio (raw time / Verify time) |",
            "|---|---|---|---|---|---|",
        };
        lines.AddRange(rounds.Select(r =>
            $"| {r.Round} | {F(r.Raw.TotalSeconds)} | {count / r.Raw.TotalSeconds:N0} | {F(r.Verify.TotalSeconds)} | {count / r.Verify.TotalSeconds:N0} | {F(r.Raw / r.Verify)}× |"));
        lines.Add("");
        lines.Add($"Overall: raw SHA-256 {F(rounds.Average(r => r.Raw.TotalSeconds))} s, Verify {F(rounds.Average(r => r.Verify.TotalSeconds))} s a pass: " +
            $"Verify runs at **{F(overall)}× the raw hash** (bar: ≥ 0.3× — {(overall >= 0.3 ? "passed" : "FAILED")}; rounds {F(ratios[0])}× to {F(ratios[^1])}×, median {F(median)}×). " +
            $"Every pass: intact, {result.Checked:N0} records checked, {result.CheckpointsChecked:N0} checkpoints, {result.UnwitnessedCheckpoints} unwitnessed, " +
            $"{result.UnsealedEntries} unsealed, the witness's head at {result.WitnessedSequence:N0}.");
        return string.Join('\n', lines) + "\n";
    }
}
