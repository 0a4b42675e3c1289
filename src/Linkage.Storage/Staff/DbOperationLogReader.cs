using System.Runtime.CompilerServices;
using Linkage.Domain.Chains;
using Linkage.Domain.Staff;
using Linkage.Storage.Database;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Staff;

public sealed class DbOperationLogReader(IDbContextFactory<LinkageDbContext> contexts) : IOperationLogReader
{
    public async Task<IReadOnlyList<ChainLink<OperationEntry>>> ListAsync(OperationFilter filter, ChainPosition? after, int pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.OperationLog.AsNoTracking();
        if (after is { } last)
            rows = rows.Where(o => string.Compare(o.Node, last.Node) > 0 || (o.Node == last.Node && o.Sequence > last.Sequence));
        if (!string.IsNullOrEmpty(filter.ActorId)) rows = rows.Where(o => o.ActorId == filter.ActorId);
        if (!string.IsNullOrEmpty(filter.Rpc)) rows = rows.Where(o => o.Rpc == filter.Rpc);
        if (filter.From is { } from) rows = rows.Where(o => o.AtMs >= from.ToUnixTimeMilliseconds());
        if (filter.To is { } to) rows = rows.Where(o => o.AtMs < to.ToUnixTimeMilliseconds());
        var page = await rows.OrderBy(o => o.Node).ThenBy(o => o.Sequence).Take(pageSize).ToListAsync(ct);
        return page.Select(ToLink).ToList();
    }

    public async IAsyncEnumerable<ChainLink<OperationEntry>> ReadAllAsync(string node, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await foreach (var row in db.OperationLog.AsNoTracking().Where(o => o.Node == node).OrderBy(o => o.Sequence)
                           .AsAsyncEnumerable().WithCancellation(ct))
            yield return ToLink(row);
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.OperationLog.LongCountAsync(ct);
    }

    private static ChainLink<OperationEntry> ToLink(OperationLogRow r) => new(r.Sequence,
        new OperationEntry(DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), (CallerKind)r.ActorKind, r.ActorId, r.SessionId, r.Rpc,
            r.Target, (OperationOutcome)r.Outcome, r.Reason),
        r.PreviousHash, r.Hash) { Node = r.Node };
}
