using Linkage.Domain.Codes;
using Linkage.Domain.Review.HoldFlags;
using Linkage.Storage.Database;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.HoldFlags;

public sealed class DbHoldFlagStore(IDbContextFactory<LinkageDbContext> contexts) : IHoldFlagStore
{
    public async Task InsertAsync(HoldFlag flag, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.HoldFlags.Add(new HoldFlagRow
        {
            FlagId = flag.FlagId,
            InternalAddressNumber = flag.Person?.Value,
            InformationNameCode = flag.InformationName?.Value,
            Reason = (int)flag.Reason,
            ReasonText = flag.ReasonText,
            EffectiveFrom = flag.EffectiveFrom,
            EffectiveTo = flag.EffectiveTo,
            SetBy = flag.SetBy,
            SetAt = flag.SetAt,
            ClearedBy = "",
            ClearReason = "",
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<HoldFlag?> GetAsync(string flagId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.HoldFlags.AsNoTracking().SingleOrDefaultAsync(f => f.FlagId == flagId, ct) is { } row ? ToDomain(row) : null;
    }

    public async Task<HoldFlag?> ClearAsync(string flagId, DateTimeOffset at, string clearedBy, string reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // The condition on ClearedAt decides between two administrators clearing at once: one changes the row.
        var changed = await db.HoldFlags.Where(f => f.FlagId == flagId && f.ClearedAt == null).ExecuteUpdateAsync(set => set
            .SetProperty(f => f.ClearedAt, at).SetProperty(f => f.ClearedBy, clearedBy).SetProperty(f => f.ClearReason, reason), ct);
        if (changed == 0) return null;
        return ToDomain(await db.HoldFlags.AsNoTracking().SingleAsync(f => f.FlagId == flagId, ct));
    }

    public async Task<IReadOnlyList<HoldFlag>> LoadActiveAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.HoldFlags.AsNoTracking()
            .Where(f => f.ClearedAt == null && (f.EffectiveTo == null || f.EffectiveTo > now))
            .OrderBy(f => f.Sequence).ToListAsync(ct);
        return rows.Select(ToDomain).ToList();
    }

    public async Task<HoldFlagPage> ListAsync(HoldFlagQuery query, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.HoldFlags.AsNoTracking().Where(f => f.Sequence > query.AfterPosition);
        if (!query.IncludeCleared) rows = rows.Where(f => f.ClearedAt == null);
        if (query.Person is { } person) rows = rows.Where(f => f.InternalAddressNumber == person.Value);
        if (query.InformationName is { } name) rows = rows.Where(f => f.InformationNameCode == name.Value);
        // One more than a page says whether another page follows, without a count.
        var page = await rows.OrderBy(f => f.Sequence).Take(query.PageSize + 1).ToListAsync(ct);
        var more = page.Count > query.PageSize;
        if (more) page.RemoveAt(page.Count - 1);
        return new HoldFlagPage(page.Select(ToDomain).ToList(), more ? page[^1].Sequence : null);
    }

    private static HoldFlag ToDomain(HoldFlagRow row) => new(
        row.FlagId,
        row.InternalAddressNumber is { } person ? InternalAddressNumber.Parse(person) : null,
        row.InformationNameCode is { } name ? InformationNameCode.Parse(name) : null,
        (HoldFlagReason)row.Reason, row.ReasonText, row.EffectiveFrom, row.EffectiveTo, row.SetBy, row.SetAt,
        row.ClearedAt, row.ClearedBy, row.ClearReason);
}
