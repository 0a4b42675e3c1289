using Linkage.Storage;
using Linkage.Storage.Permits;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Gateway.Tests;

/// <summary>
/// The migration that moved used permit ids from the SeenPermits table into the provision records carries every used id
/// over to the record that used it, so a gateway upgraded in place still refuses a replay of a permit used before.
/// </summary>
public sealed class PermitUseMigrationTests
{
    private const string PreviousMigration = "20261126105937_HeldResponsesAndPendingInquiries";

    [Fact(Timeout = 60_000)]
    public async Task Used_permit_ids_move_from_SeenPermits_to_the_record_that_used_them_and_the_replay_guard_reloads_them()
    {
        var ct = CancellationToken.None;
        using var database = new MigrationDatabase("linkage-permit-migration");
        await database.MigrateToAsync(PreviousMigration, ct);
        await using var db = database.CreateDbContext();

        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var p1Expiry = now.AddHours(1);
        var p2Expiry = now.AddHours(2);

        // p-1: refused first (sequence 1), then used (sequence 2), then replayed and refused (sequence 5);
        // p-2: used, with no data to give (sequence 3); p-3: refused, never used, absent from SeenPermits (sequence 4).
        // Outcomes as stored: 1 provided, 2 held, 3 not provided.
        await InsertRecordAsync(db, 1, "p-1", outcome: 3, "PERMIT_MISMATCH", ct);
        await InsertRecordAsync(db, 2, "p-1", outcome: 1, "", ct);
        await InsertRecordAsync(db, 3, "p-2", outcome: 3, "NO_DATA", ct);
        await InsertRecordAsync(db, 4, "p-3", outcome: 3, "INQUIRY_NOT_PERMITTED", ct);
        await InsertRecordAsync(db, 5, "p-1", outcome: 3, "PERMIT_REPLAYED", ct);
        await InsertSeenPermitAsync(db, "p-1", p1Expiry, ct);
        await InsertSeenPermitAsync(db, "p-2", p2Expiry, ct);

        await db.Database.MigrateAsync(ct);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        var expiries = await db.ProvisionRecords.AsNoTracking()
            .OrderBy(r => r.Sequence)
            .Select(r => new { r.Sequence, r.PermitExpiresAtMs })
            .ToListAsync(ct);
        Assert.Equal(5, expiries.Count);
        Assert.Null(expiries.Single(r => r.Sequence == 1).PermitExpiresAtMs);
        Assert.Equal(p1Expiry.ToUnixTimeMilliseconds(), expiries.Single(r => r.Sequence == 2).PermitExpiresAtMs);
        Assert.Equal(p2Expiry.ToUnixTimeMilliseconds(), expiries.Single(r => r.Sequence == 3).PermitExpiresAtMs);
        Assert.Null(expiries.Single(r => r.Sequence == 4).PermitExpiresAtMs);
        Assert.Null(expiries.Single(r => r.Sequence == 5).PermitExpiresAtMs);

        var seenPermitsTables = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'SeenPermits'")
            .SingleAsync(ct);
        Assert.Equal(0, seenPermitsTables);

        var guard = new PersistentReplayGuard(TimeProvider.System);
        await guard.LoadAsync(db, ct);
        Assert.False(guard.TryReserve("p-1", p1Expiry));
        Assert.False(guard.TryReserve("p-2", p2Expiry));
        Assert.True(guard.TryReserve("p-3", now.AddHours(3)));
    }

    private static async Task InsertRecordAsync(LinkageDbContext db, long sequence, string permitId, int outcome, string reason, CancellationToken ct)
    {
        var previousHash = new byte[32];
        var hash = new byte[32];
        Array.Fill(previousHash, (byte)(sequence - 1));
        Array.Fill(hash, (byte)sequence);
        var recordedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var inquiryId = "inquiry-" + sequence;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO ProvisionRecords (Sequence, InstitutionCode, RecordedAtMs, Direction, InquiryId, PermitId,
                InquirerInstitution, ProviderInstitution, Affair, Procedure, InformationName, LegalBasis, Outcome, Reason,
                InternalAddressNumber, PreviousHash, Hash)
            VALUES ({sequence}, 'PROV', {recordedAtMs}, 1, {inquiryId}, {permitId},
                'INQ', 'PROV', 'affair', 'procedure', 'information', 'legal basis', {outcome}, {reason},
                '082210000000001', {previousHash}, {hash})
            """, ct);
    }

    private static async Task InsertSeenPermitAsync(LinkageDbContext db, string permitId, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var expiresAtMs = expiresAt.ToUnixTimeMilliseconds();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO SeenPermits (PermitId, InstitutionCode, ExpiresAtMs) VALUES ({permitId}, 'PROV', {expiresAtMs})", ct);
    }
}
