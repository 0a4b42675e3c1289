using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Storage.Database;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Checkpoints;

/// <summary>
/// One node's chain in a chain table (Node, Sequence, Hash) as its checkpoints read it. The table name comes from
/// <see cref="SealedChains"/>, never from input.
/// </summary>
public sealed class TableSealedChain(IDbContextFactory<LinkageDbContext> contexts, string chainId, string node, ChainKind kind) : ISealedChain
{
    private readonly string _table = kind == ChainKind.ProvisionRecords ? "ProvisionRecords" : "OperationLog";

    public string ChainId { get; } = chainId;

    public string Node { get; } = node;

    public ChainKind Kind { get; } = kind;

    public async Task<ChainHead?> HeadAsync(CancellationToken ct) =>
        await ReadAsync($"""SELECT "Sequence", "Hash" FROM "{_table}" WHERE "Node" = @node ORDER BY "Sequence" DESC LIMIT 1""", null, ct);

    public async Task<byte[]?> HashAtAsync(long sequence, CancellationToken ct) =>
        (await ReadAsync($"""SELECT "Sequence", "Hash" FROM "{_table}" WHERE "Node" = @node AND "Sequence" = @seq""", sequence, ct))?.Hash;

    private async Task<ChainHead?> ReadAsync(string sql, long? sequence, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.Command(sql);
        command.Add("node", Node);
        if (sequence is { } s) command.Add("seq", s);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ChainHead(reader.GetInt64(0), (byte[])reader[1]) : null;
    }
}
