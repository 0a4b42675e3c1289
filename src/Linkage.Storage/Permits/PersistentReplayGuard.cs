using System.Collections.Concurrent;
using Linkage.Domain.Permits;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Permits;

/// <summary>
/// Permit ids in memory for an atomic check among concurrent calls; on disk (written with the provision record) so a
/// restart does not forget them. Loaded at start; expired ids are forgotten since an expired permit is refused anyway.
/// </summary>
public sealed class PersistentReplayGuard(TimeProvider clock) : IPermitReplayGuard
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
        await foreach (var row in db.SeenPermits.AsNoTracking().Where(p => p.ExpiresAtMs > cutoff).AsAsyncEnumerable().WithCancellation(ct))
            _seen.TryAdd(row.PermitId, DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAtMs));
    }

    /// <summary>Drops expired ids from memory and disk; returns how many were dropped from disk.</summary>
    public async Task<int> PurgeExpiredAsync(LinkageDbContext db, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - Margin;
        foreach (var (id, expiresAt) in _seen)
            if (expiresAt <= cutoff) _seen.TryRemove(id, out _);
        var cutoffMs = cutoff.ToUnixTimeMilliseconds();
        return await db.SeenPermits.Where(p => p.ExpiresAtMs <= cutoffMs).ExecuteDeleteAsync(ct);
    }
}
