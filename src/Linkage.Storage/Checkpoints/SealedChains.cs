using Linkage.Domain;
using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Storage.Database;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Checkpoints;

/// <summary>
/// The chains of the institution in its database: this node's two, which it writes and seals, and every other node's,
/// named network-wide by institution and node (<see cref="ChainNames"/>).
/// </summary>
public sealed class SealedChains(IDbContextFactory<LinkageDbContext> contexts, InstitutionScope scope) : IKeptChains
{
    /// <summary>Each kind of chain and the table holding every node's chain of that kind (a backup reads their heads too).</summary>
    public static IReadOnlyList<(ChainKind Kind, string Table)> Tables { get; } =
        [(ChainKind.ProvisionRecords, "ProvisionRecords"), (ChainKind.OperationLog, "OperationLog")];

    private readonly string _institution = scope.Code.Value;

    public string Node => scope.Node;

    public ISealedChain ProvisionRecords { get; } = Chain(contexts, scope.Code.Value, scope.Node, ChainKind.ProvisionRecords);

    public ISealedChain OperationLog { get; } = Chain(contexts, scope.Code.Value, scope.Node, ChainKind.OperationLog);

    public IReadOnlyList<ISealedChain> All => [ProvisionRecords, OperationLog];

    public async Task<IReadOnlyList<ISealedChain>> InstitutionChainsAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = new HashSet<(string Node, ChainKind Kind)> { (Node, ChainKind.ProvisionRecords), (Node, ChainKind.OperationLog) };
        // Every node that left a trace: a row (whatever it says, so that a row moved to a made-up node is seen), a
        // checkpoint, or the anchor of a purge that removed all its rows.
        foreach (var node in await db.ProvisionRecords.Select(r => r.Node).Distinct().ToListAsync(ct))
            found.Add((node, ChainKind.ProvisionRecords));
        foreach (var node in await db.OperationLog.Select(o => o.Node).Distinct().ToListAsync(ct))
            found.Add((node, ChainKind.OperationLog));
        var sealedIds = await db.Checkpoints.Select(c => c.ChainId).Distinct().ToListAsync(ct);
        foreach (var id in sealedIds.Concat(await db.ChainAnchors.Select(a => a.ChainId).ToListAsync(ct)))
            if (ChainNames.TryParse(id, _institution, out var node, out var kind)) found.Add((node, kind));
        return found.OrderBy(c => c.Node, StringComparer.Ordinal).ThenBy(c => c.Kind)
            .Select(c => c.Node == Node ? (c.Kind == ChainKind.ProvisionRecords ? ProvisionRecords : OperationLog)
                : Chain(contexts, _institution, c.Node, c.Kind))
            .ToList();
    }

    private static TableSealedChain Chain(IDbContextFactory<LinkageDbContext> contexts, string institution, string node, ChainKind kind) =>
        new(contexts, ChainNames.Of(institution, node, kind), node, kind);
}
