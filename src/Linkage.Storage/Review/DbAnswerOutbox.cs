using Linkage.Domain.Answers;
using Linkage.Domain.Permits;
using Linkage.Domain.Review;
using Linkage.Storage.Database;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Review;

/// <summary>The answer outbox; rows are written with their decision by <see cref="HeldAttachmentWriter"/>.</summary>
public sealed class DbAnswerOutbox(IDbContextFactory<LinkageDbContext> contexts) : IAnswerOutbox
{
    private const int Pending = (int)DeliveryState.Pending;
    private const int Parked = (int)DeliveryState.Parked;

    public async Task<IReadOnlyList<OutgoingAnswer>> PendingAsync(int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.AnswerOutbox.AsNoTracking().Where(o => o.State == Pending).OrderBy(o => o.CreatedAt).Take(limit).ToListAsync(ct);
        return rows.Select(ToAnswer).ToList();
    }

    public async Task MarkDeliveredAsync(string permitId, DateTimeOffset at, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.AnswerOutbox.Where(o => o.PermitId == permitId)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.State, (int)DeliveryState.Delivered).SetProperty(o => o.UpdatedAt, at), ct);
    }

    public async Task MarkFailedAsync(string permitId, int attempts, string failure, bool park, DateTimeOffset at, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.AnswerOutbox.Where(o => o.PermitId == permitId && o.State == Pending).ExecuteUpdateAsync(set => set
            .SetProperty(o => o.Attempts, attempts).SetProperty(o => o.LastError, failure)
            .SetProperty(o => o.State, park ? Parked : Pending).SetProperty(o => o.UpdatedAt, at), ct);
    }

    public async Task<bool> RetryAsync(string permitId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AnswerOutbox.Where(o => o.PermitId == permitId && o.State == Parked)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.State, Pending).SetProperty(o => o.Attempts, 0), ct) == 1;
    }

    public async Task<IReadOnlyList<(OutgoingAnswer Answer, DateTimeOffset ParkedAt)>> ParkedAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.AnswerOutbox.AsNoTracking().Where(o => o.State == Parked).OrderBy(o => o.UpdatedAt).ToListAsync(ct);
        return rows.Select(r => (ToAnswer(r), r.UpdatedAt)).ToList();
    }

    public async Task<int> CountPendingAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AnswerOutbox.CountAsync(o => o.State == Pending, ct);
    }

    private static OutgoingAnswer ToAnswer(AnswerOutboxRow row) => new(row.PermitId, row.InquiryId,
        new SignedPermitData(row.Permit, row.Signature, row.KeyId), (ProvisionOutcome)row.Outcome, row.Reason,
        row.Ciphertext is null ? null : new SealedAnswer(row.SenderPublicKey!, row.Nonce!, row.Ciphertext),
        row.Attempts, (DeliveryState)row.State, row.LastError);
}
