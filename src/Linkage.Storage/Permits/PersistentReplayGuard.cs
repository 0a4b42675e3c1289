using System.Collections.Concurrent;
using Linkage.Domain.Permits;
using Microsoft.EntityFrameworkCore;
using Linkage.Storage.Database;

namespace Linkage.Storage.Permits;

/// <summary>
/// Permit ids in memory for an atomic check among concurrent calls. On disk each used id is part of the provision
/// record that used it (written durably before the answer leaves), so a restart reloads them from the records before
/// the gateway serves. Expired ids are forgotten since an expired permit is refused anyway.
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
        var used = db.ProvisionRecords.AsNoTracking()
            .Where(r => r.PermitExpiresAtMs > cutoff)
            .Select(r => new { r.PermitId, ExpiresAtMs = r.PermitExpiresAtMs!.Value });
        await foreach (var row in used.AsAsyncEnumerable().WithCancellation(ct))
            _seen.TryAdd(row.PermitId, DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAtMs));
    }

    /// <summary>Forgets expired ids; returns how many were forgotten. The records keep them, as records.</summary>
    public int ForgetExpired()
    {
        var cutoff = clock.GetUtcNow() - Margin;
        var forgotten = 0;
        foreach (var (id, expiresAt) in _seen)
            if (expiresAt <= cutoff && _seen.TryRemove(id, out _)) forgotten++;
        return forgotten;
    }
}
