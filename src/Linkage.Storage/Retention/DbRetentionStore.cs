using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Retention;
using Linkage.Domain.Review;
using Linkage.Storage.Database;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Retention;

public sealed class DbRetentionStore(IDbContextFactory<LinkageDbContext> contexts) : IRetentionStore
{
    public async Task<long> PurgeChainAsync(ISealedChain chain, ChainHead anchor, CancellationToken ct)
    {
        var (chainId, node) = (chain.ChainId, chain.Node);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        long removed = chain.Kind == ChainKind.ProvisionRecords
            ? await db.ProvisionRecords.Where(r => r.Node == node && r.Sequence <= anchor.Sequence).ExecuteDeleteAsync(ct)
            : await db.OperationLog.Where(o => o.Node == node && o.Sequence <= anchor.Sequence).ExecuteDeleteAsync(ct);
        var row = await db.ChainAnchors.FirstOrDefaultAsync(a => a.ChainId == chainId, ct);
        if (row is null)
            db.ChainAnchors.Add(row = new ChainAnchorRow { ChainId = chainId, Hash = anchor.Hash });
        row.Sequence = anchor.Sequence;
        row.Hash = anchor.Hash;
        row.PurgedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        row.PurgedEntries += removed;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return removed;
    }

    public async Task<int> PurgeSupersededCopiesAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A version is superseded when its successor was registered; that moment, not its own, starts its period.
        var superseded = await db.Copies.Where(c => !c.IsCurrent && db.Copies.Any(n =>
                n.InstitutionCode == c.InstitutionCode && n.InternalAddressNumber == c.InternalAddressNumber
                && n.InformationNameCode == c.InformationNameCode && n.RecordKey == c.RecordKey
                && n.Version == c.Version + 1 && n.RegisteredAt < before))
            .ExecuteDeleteAsync(ct);
        // Then the tombstones themselves: their record's older versions went above, or earlier.
        var tombstones = await db.Copies.Where(c => c.IsCurrent && c.IsDeleted && c.RegisteredAt < before).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return superseded + tombstones;
    }

    public async Task<int> PurgeDecidedHeldAsync(DateTimeOffset before, CancellationToken ct)
    {
        const int approved = (int)HeldState.Approved, declined = (int)HeldState.Declined, delivered = (int)DeliveryState.Delivered;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Only once the answer went out: an undelivered decision is still work for the outbox.
        var done = db.HeldResponses.Where(h => (h.State == approved || h.State == declined) && h.DecidedAt < before
            && !db.AnswerOutbox.Any(o => o.PermitId == h.PermitId && o.State != delivered)).Select(h => h.PermitId);
        await db.HeldDecisions.Where(d => done.Contains(d.PermitId)).ExecuteDeleteAsync(ct);
        await db.AnswerOutbox.Where(o => done.Contains(o.PermitId)).ExecuteDeleteAsync(ct);
        var removed = await db.HeldResponses.Where(h => done.Contains(h.PermitId)).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return removed;
    }

    public async Task<int> PurgePickedUpResultsAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.PendingInquiries.Where(p => p.PickedUpAt != null && p.PickedUpAt < before).ExecuteDeleteAsync(ct);
    }
}
