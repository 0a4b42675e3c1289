using System.Collections.Concurrent;
using Linkage.Domain.Permits;
using Microsoft.EntityFrameworkCore;
using Linkage.Storage.Database;

namespace Linkage.Storage.Permits;

/// <summary>
/// Permit ids in memory, in front of the database: an atomic check among this node's concurrent calls, so that a
/// replay it has seen costs no provision. The database decides (<see cref="PermitClaims"/>: each used id is inserted
/// into UsedPermits with the record that used it, and a second insert, from this node or another, is refused), so a
/// node that never saw an id still cannot accept it twice. A restart reloads the unexpired ids. Expired ids are
/// forgotten in both places since an expired permit is refused anyway.
/// </summary>
public sealed class PersistentReplayGuard(IDbContextFactory<LinkageDbContext> contexts, TimeProvider clock) : IPermitReplayGuard
{
    /// <summary>
    /// How long past its expiry a used id is kept: a permit is still accepted within the allowed clock skew after it
    /// expires, so forgetting it at expiry would open that window to a replay. The largest skew the gateway allows.
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public bool TryReserve(string permitId, DateTimeOffset expiresAt) => _seen.TryAdd(permitId, expiresAt);

    public void Release(string permitId) => _seen.TryRemove(permitId, out _);

    public async Task LoadAsync(LinkageDbContext db, CancellationToken ct)
    {
        var cutoff = (clock.GetUtcNow() - Margin).ToUnixTimeMilliseconds();
        var used = db.UsedPermits.AsNoTracking().Where(p => p.ExpiresAtMs > cutoff);
        await foreach (var row in used.AsAsyncEnumerable().WithCancellation(ct))
            _seen.TryAdd(row.PermitId, DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAtMs));
    }

    /// <summary>Forgets expired ids in memory and in the database; returns how many the database forgot. The records keep them, as records.</summary>
    public async Task<int> ForgetExpiredAsync(CancellationToken ct)
    {
        var cutoff = ForgetExpiredInMemory();
        var cutoffMs = cutoff.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.UsedPermits.Where(p => p.ExpiresAtMs <= cutoffMs).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Forgets expired ids in this node's memory only: every node does, while one node of the institution purges the
    /// shared table. Returns the cutoff.
    /// </summary>
    public DateTimeOffset ForgetExpiredInMemory()
    {
        var cutoff = clock.GetUtcNow() - Margin;
        foreach (var (id, expiresAt) in _seen)
            if (expiresAt <= cutoff) _seen.TryRemove(id, out _);
        return cutoff;
    }
}
