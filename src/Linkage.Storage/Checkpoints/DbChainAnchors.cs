using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Storage.Database;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Checkpoints;

public sealed class DbChainAnchors(IDbContextFactory<LinkageDbContext> contexts) : IChainAnchors
{
    public async Task<ChainHead?> AnchorOfAsync(string chainId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.ChainAnchors.AsNoTracking().FirstOrDefaultAsync(a => a.ChainId == chainId, ct);
        return row is null ? null : new ChainHead(row.Sequence, row.Hash);
    }
}
