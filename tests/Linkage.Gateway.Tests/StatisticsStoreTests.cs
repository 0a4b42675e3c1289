using Linkage.Storage.Keys;
using System.Security.Cryptography;
using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Review;
using Linkage.Domain.Statistics;
using Linkage.Storage.Entities;
using Linkage.Storage.Review;
using Linkage.Storage.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Gateway.Tests;

/// <summary>
/// Business statistics as the store counts them: exchanges per day in Japan (a record at 23:59:59.999 JST on the day
/// before, at 00:00 on the day after), grouped in SQL; current copies per information name; undecided held responses.
/// Only this institution's rows.
/// </summary>
public sealed class StatisticsStoreTests : IDisposable
{
    private const string Elsewhere = "1000091300000000";
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<string> _commands = [];
    private readonly MigrationDatabase _database;
    private readonly DbStatisticsReader _reader;

    public StatisticsStoreTests()
    {
        _database = new MigrationDatabase("linkage-statistics", command => { lock (_commands) _commands.Add(command); });
        using (var db = _database.CreateDbContext()) db.Database.Migrate();
        _reader = new DbStatisticsReader(_database, new InstitutionScope(InstitutionCode.Parse(Hitachinaka)));
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Exchanges_are_counted_per_day_in_Japan_direction_outcome_inquirer_and_information_name()
    {
        Record("2026-10-31T14:59:59.999Z", RecordDirection.Incoming, ProvisionOutcome.Provided, Mito, Osteoporosis); // 10-31 23:59 JST
        Record("2026-10-31T15:00:00Z", RecordDirection.Incoming, ProvisionOutcome.Provided, Mito, Osteoporosis);     // 11-01 00:00 JST
        Record("2026-11-01T10:00:00Z", RecordDirection.Incoming, ProvisionOutcome.Provided, Mito, Osteoporosis);
        Record("2026-11-01T14:59:59Z", RecordDirection.Incoming, ProvisionOutcome.NotProvided, Mito, Osteoporosis);
        Record("2026-11-01T15:00:00Z", RecordDirection.Incoming, ProvisionOutcome.Provided, Tsukuba, Cancer);        // 11-02 00:00 JST
        Record("2026-11-02T03:00:00Z", RecordDirection.Outgoing, ProvisionOutcome.Provided, Hitachinaka, Osteoporosis);
        Record("2026-11-02T14:59:59.999Z", RecordDirection.Incoming, ProvisionOutcome.Held, Mito, Osteoporosis);
        Record("2026-11-02T15:00:00Z", RecordDirection.Incoming, ProvisionOutcome.Provided, Mito, Osteoporosis);     // 11-03 00:00 JST
        Record("2026-11-01T10:00:00Z", RecordDirection.Incoming, ProvisionOutcome.Provided, Mito, Osteoporosis, Elsewhere);
        _commands.Clear();

        var counts = await _reader.ExchangesAsync(StatisticsPeriod.Parse("2026-11-01", "2026-11-02", new DateOnly(2026, 11, 30)), CancellationToken.None);

        DateOnly first = new(2026, 11, 1), second = new(2026, 11, 2);
        Assert.Equal(
        [
            new ExchangeCount(first, RecordDirection.Incoming, ProvisionOutcome.Provided, Mito, Osteoporosis, 2),
            new ExchangeCount(first, RecordDirection.Incoming, ProvisionOutcome.NotProvided, Mito, Osteoporosis, 1),
            new ExchangeCount(second, RecordDirection.Incoming, ProvisionOutcome.Provided, Tsukuba, Cancer, 1),
            new ExchangeCount(second, RecordDirection.Incoming, ProvisionOutcome.Held, Mito, Osteoporosis, 1),
            new ExchangeCount(second, RecordDirection.Outgoing, ProvisionOutcome.Provided, Hitachinaka, Osteoporosis, 1),
        ], counts);
        // Counted by SQLite: the gateway reads one row per group, never the records.
        var query = Assert.Single(_commands, c => c.Contains("ProvisionRecords", StringComparison.Ordinal));
        Assert.Contains("GROUP BY", query);
        Assert.Contains("COUNT(", query);
    }

    [Fact]
    public async Task Current_copies_are_counted_per_information_name_without_old_versions_tombstones_or_unfinished_batches()
    {
        using (var db = _database.CreateDbContext())
        {
            var unfinished = new CopyBatchRow { InstitutionCode = Hitachinaka, BatchId = "open", StartedAt = T0 };
            var finished = new CopyBatchRow { InstitutionCode = Hitachinaka, BatchId = "done", IsComplete = true, StartedAt = T0 };
            db.CopyBatches.AddRange(unfinished, finished);
            db.SaveChanges();
            db.Copies.AddRange(
                Copy("082210000000001", Osteoporosis, 1, current: false), Copy("082210000000001", Osteoporosis, 2),
                Copy("082210000000002", Osteoporosis, 1),
                Copy("082210000000003", Cancer, 2, deleted: true),
                Copy("082210000000004", Cancer, 1, batch: unfinished.Number),
                Copy("082210000000005", Cancer, 1, batch: finished.Number),
                Copy("082210000000006", Hepatitis, 1, institution: Elsewhere));
            db.SaveChanges();
        }

        Assert.Equal([new InformationNameCount(Cancer, 1), new InformationNameCount(Osteoporosis, 2)],
            await _reader.CurrentCopiesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Held_counts_are_of_undecided_items_escalated_or_past_their_deadline()
    {
        var scope = new InstitutionScope(InstitutionCode.Parse(Hitachinaka));
        var keys = InstitutionDataKeys.Opened(scope, new AtRestCipher(new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) }, "k1"));
        var writer = new HeldAttachmentWriter(scope, keys);
        using (var connection = new SqliteConnection($"Data Source={_database.Path};Pooling=False"))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            int[] deadlineDays = [1, 1, 10, 10, 1];
            for (var i = 0; i < deadlineDays.Length; i++)
                writer.Write(connection, transaction, new HeldCreated(new HeldResponse($"permit-{i}", $"inquiry-{i}",
                    new SignedPermitData([1], new byte[64], "k"), InternalAddressNumber.Parse("082210000000001"),
                    InformationNameCode.Parse(Osteoporosis), "SUPPORT_MEASURE", T0, T0.AddDays(deadlineDays[i]),
                    new HeldAnswerKey(new byte[32], new byte[32]), InquirerInstitution: Mito)));
            transaction.Commit();
        }
        await new DbHeldResponseStore(_database, keys).EscalateOverdueAsync(T0.AddDays(2), CancellationToken.None); // 0, 1 and 4
        using (var db = _database.CreateDbContext())
        {
            SetState(db, "permit-1", HeldState.FirstApproval);
            SetState(db, "permit-3", HeldState.Declined);
            SetState(db, "permit-4", HeldState.Approved);
        }

        Assert.Equal(new HeldCounts(3, 2, 2), await _reader.HeldAsync(T0.AddDays(2), CancellationToken.None));
        Assert.Equal(new HeldCounts(3, 2, 3), await _reader.HeldAsync(T0.AddDays(12), CancellationToken.None)); // permit-2 is due too
    }

    [Fact]
    public async Task An_empty_database_counts_nothing()
    {
        Assert.Empty(await _reader.ExchangesAsync(StatisticsPeriod.Parse(null, null, new DateOnly(2026, 11, 30)), CancellationToken.None));
        Assert.Empty(await _reader.CurrentCopiesAsync(CancellationToken.None));
        Assert.Equal(new HeldCounts(0, 0, 0), await _reader.HeldAsync(T0, CancellationToken.None));
    }

    private long _sequence;

    private void Record(string at, RecordDirection direction, ProvisionOutcome outcome, string inquirer, string informationName,
        string institution = Hitachinaka)
    {
        using var db = _database.CreateDbContext();
        var sequence = ++_sequence;
        db.ProvisionRecords.Add(new ProvisionRecordRow
        {
            Node = "node-1",
            Sequence = sequence,
            InstitutionCode = institution,
            RecordedAtMs = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(),
            Direction = (int)direction,
            InquiryId = $"inquiry-{sequence}",
            PermitId = $"permit-{sequence}",
            InquirerInstitution = inquirer,
            ProviderInstitution = direction == RecordDirection.Incoming ? institution : Mito,
            Affair = Affair,
            Procedure = Procedure,
            InformationName = informationName,
            LegalBasis = LegalBasis,
            Outcome = (int)outcome,
            Reason = "",
            PreviousHash = new byte[32],
            Hash = new byte[32],
        });
        db.SaveChanges();
    }

    private static CopyRow Copy(string person, string informationName, int version, bool current = true, bool deleted = false,
        long? batch = null, string institution = Hitachinaka) => new()
    {
        InstitutionCode = institution,
        InternalAddressNumber = person,
        InformationNameCode = informationName,
        RecordKey = "2025-57-1",
        Version = version,
        ValidFrom = new DateOnly(2025, 4, 1),
        IsCurrent = current,
        IsDeleted = deleted,
        KeyId = "k1",
        Payload = [1, 2, 3],
        RegisteredAt = T0,
        BatchNumber = batch,
    };

    private static void SetState(Storage.Database.LinkageDbContext db, string permitId, HeldState state) =>
        db.HeldResponses.Where(h => h.PermitId == permitId).ExecuteUpdate(set => set.SetProperty(h => h.State, (int)state));
}
