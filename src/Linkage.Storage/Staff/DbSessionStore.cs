using Linkage.Domain.Staff;
using Linkage.Storage.Database;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Staff;

public sealed class DbSessionStore(IDbContextFactory<LinkageDbContext> contexts) : ISessionStore
{
    public async Task AddAsync(StaffSession session, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.StaffSessions.Add(new StaffSessionRow
        {
            SessionId = session.SessionId,
            TokenHash = session.TokenHash,
            StaffId = session.StaffId,
            CertificateThumbprint = session.CertificateThumbprint,
            StartedAt = session.StartedAt,
            LastSeenAt = session.LastSeenAt,
            ExpiresAt = session.ExpiresAt,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<StaffSession?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.StaffSessions.AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == tokenHash, ct);
        return row is null ? null : ToSession(row);
    }

    public async Task TouchAsync(string sessionId, DateTimeOffset lastSeenAt, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.StaffSessions.Where(s => s.SessionId == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, lastSeenAt), ct);
    }

    public async Task<bool> EndAsync(string sessionId, DateTimeOffset at, SessionEnd reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.StaffSessions.Where(s => s.SessionId == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, at).SetProperty(s => s.EndReason, (int)reason), ct) == 1;
    }

    public async Task<IReadOnlyList<StaffSession>> ListOpenAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.StaffSessions.AsNoTracking().Where(s => s.EndedAt == null).ToListAsync(ct);
        return rows.Select(ToSession).ToList();
    }

    private static StaffSession ToSession(StaffSessionRow row) => new(row.SessionId, row.TokenHash, row.StaffId,
        row.CertificateThumbprint, row.StartedAt, row.LastSeenAt, row.ExpiresAt, row.EndedAt, (SessionEnd?)row.EndReason);
}
