using Linkage.Domain.Chains;
using Linkage.Domain;
using Linkage.Domain.Codes;
using Linkage.Domain.Review;
using Linkage.Storage.Checkpoints;
using Linkage.Storage.Entities;
using Linkage.Storage.Retention;
using Microsoft.EntityFrameworkCore;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Gateway.Tests;

/// <summary>
/// The erasures as the store does them: a chain cut at its anchor in one transaction with the anchor kept; a copy
/// version erased from its successor's registration, tombstones after their record's versions; held answers only once
/// decided and delivered, with their decisions and outbox rows; results only once picked up.
/// </summary>
public sealed class RetentionStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly MigrationDatabase _database = new("linkage-retention");
    private readonly SealedChains _chains;
    private readonly DbRetentionStore _store;

    public RetentionStoreTests()
    {
        using (var db = _database.CreateDbContext()) db.Database.Migrate();
        _chains = new SealedChains(_database, new InstitutionScope(InstitutionCode.Parse(Hitachinaka)));
        _store = new DbRetentionStore(_database);
    }

    public void Dispose() => _database.Dispose();

    private void Add(params object[] rows)
    {
        using var db = _database.CreateDbContext();
        db.AddRange(rows);
        db.SaveChanges();
    }

    [Fact]
    public async Task A_chain_is_cut_up_to_its_anchor_which_is_kept_with_the_count_and_another_nodes_chain_is_left_alone()
    {
        for (var i = 1; i <= 5; i++)
            foreach (var node in new[] { "node-1", "node-2" })
                Add(new OperationLogRow { Node = node, Sequence = i, AtMs = i, ActorKind = 1, ActorId = "a", SessionId = "", Rpc = "r", Target = "",
                    Outcome = 1, Reason = "", PreviousHash = [], Hash = [(byte)i] });

        var first = await _store.PurgeChainAsync(_chains.OperationLog, new ChainHead(2, [2]), CancellationToken.None);
        var second = await _store.PurgeChainAsync(_chains.OperationLog, new ChainHead(4, [4]), CancellationToken.None);

        Assert.Equal((2L, 2L), (first, second));
        await using var db = _database.CreateDbContext();
        Assert.Equal([5L], await db.OperationLog.Where(o => o.Node == "node-1").Select(o => o.Sequence).ToListAsync());
        Assert.Equal([1L, 2, 3, 4, 5], await db.OperationLog.Where(o => o.Node == "node-2").OrderBy(o => o.Sequence).Select(o => o.Sequence).ToListAsync());
        var anchor = await db.ChainAnchors.SingleAsync();
        Assert.Equal((_chains.OperationLog.ChainId, 4L, 4L), (anchor.ChainId, anchor.Sequence, anchor.PurgedEntries));
        Assert.Equal(new ChainHead(4, [4]).Hash, (await new DbChainAnchors(_database).AnchorOfAsync(_chains.OperationLog.ChainId, CancellationToken.None))!.Hash);
    }

    [Fact]
    public async Task A_copy_version_is_erased_from_when_it_was_superseded_and_a_tombstone_once_old_enough()
    {
        // Record A: v1 (day 0), v2 (day 10, current). Record B: v1 (day 0), tombstone v2 (day 20). Record C: v1 (day 0) current.
        Add(Copy("A", 1, T0, current: false), Copy("A", 2, T0.AddDays(10), current: true),
            Copy("B", 1, T0, current: false), Copy("B", 2, T0.AddDays(20), current: true, deleted: true),
            Copy("C", 1, T0, current: true));

        var early = await _store.PurgeSupersededCopiesAsync(T0.AddDays(5), CancellationToken.None);    // A.v1 was superseded on day 10
        var later = await _store.PurgeSupersededCopiesAsync(T0.AddDays(15), CancellationToken.None);   // A.v1 now
        var latest = await _store.PurgeSupersededCopiesAsync(T0.AddDays(25), CancellationToken.None);  // B.v1 and B's tombstone

        Assert.Equal((0, 1, 2), (early, later, latest));
        await using var db = _database.CreateDbContext();
        Assert.Equal(["A2", "C1"], (await db.Copies.ToListAsync()).Select(c => c.RecordKey + c.Version).Order());
    }

    [Fact]
    public async Task Held_answers_are_erased_only_decided_and_delivered_and_results_only_picked_up()
    {
        Add(Held("p-delivered", HeldState.Approved, T0), Outbox("p-delivered", DeliveryState.Delivered), Decision("p-delivered"),
            Held("p-parked", HeldState.Declined, T0), Outbox("p-parked", DeliveryState.Parked),
            Held("p-waiting", HeldState.Waiting, null),
            Held("p-recent", HeldState.Approved, T0.AddDays(40)), Outbox("p-recent", DeliveryState.Delivered),
            Pending("i-picked", T0), Pending("i-waiting", null), Pending("i-recent", T0.AddDays(40)));

        var held = await _store.PurgeDecidedHeldAsync(T0.AddDays(30), CancellationToken.None);
        var results = await _store.PurgePickedUpResultsAsync(T0.AddDays(30), CancellationToken.None);

        Assert.Equal((1, 1), (held, results));
        await using var db = _database.CreateDbContext();
        Assert.Equal(["p-parked", "p-recent", "p-waiting"], (await db.HeldResponses.Select(h => h.PermitId).ToListAsync()).Order());
        Assert.Equal(["p-parked", "p-recent"], (await db.AnswerOutbox.Select(o => o.PermitId).ToListAsync()).Order());
        Assert.Empty(await db.HeldDecisions.ToListAsync());
        Assert.Equal(["i-recent", "i-waiting"], (await db.PendingInquiries.Select(p => p.InquiryId).ToListAsync()).Order());
    }

    private static CopyRow Copy(string key, int version, DateTimeOffset at, bool current, bool deleted = false) => new()
    {
        InstitutionCode = Hitachinaka, InternalAddressNumber = "082210000000001", InformationNameCode = Osteoporosis, RecordKey = key,
        Version = version, ValidFrom = new DateOnly(2025, 4, 1), IsCurrent = current, IsDeleted = deleted, KeyId = "k1", Payload = [1],
        RegisteredAt = at,
    };

    private static HeldResponseRow Held(string permit, HeldState state, DateTimeOffset? decidedAt) => new()
    {
        PermitId = permit, InquiryId = "q-" + permit, InquirerInstitution = Mito, InstitutionCode = Hitachinaka, Permit = [1], Signature = [1],
        KeyId = "k", InternalAddressNumber = "082210000000001", InformationName = Osteoporosis, HoldReason = "SUPPORT_MEASURE",
        ReceivedAt = T0.AddDays(-1), Deadline = T0, State = (int)state, DecidedAt = decidedAt, AnswerSenderPublicKey = [1],
    };

    private static AnswerOutboxRow Outbox(string permit, DeliveryState state) => new()
    {
        PermitId = permit, InquiryId = "q-" + permit, Permit = [1], Signature = [1], KeyId = "k", Reason = "", State = (int)state, LastError = "",
        CreatedAt = T0, UpdatedAt = T0,
    };

    private static HeldDecisionRow Decision(string permit) => new() { PermitId = permit, StaffId = "s", Decision = "approve", Reason = "", At = T0 };

    private static PendingInquiryRow Pending(string inquiry, DateTimeOffset? pickedUpAt) => new()
    {
        InquiryId = inquiry, InstitutionCode = Mito, PermitId = "p-" + inquiry, ProviderInstitution = Hitachinaka, Affair = Affair,
        Procedure = Procedure, InformationName = Osteoporosis, LegalBasis = LegalBasis, InternalAddressNumber = "082010000000001", KeyId = "k",
        EncryptedAnswerKey = [1], CreatedAt = T0.AddDays(-1), PickedUpAt = pickedUpAt,
    };
}
