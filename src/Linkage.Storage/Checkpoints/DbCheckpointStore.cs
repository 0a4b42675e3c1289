using Linkage.Domain.Chains.Checkpoints;
using Linkage.Storage.Database;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Checkpoints;

public sealed class DbCheckpointStore(IDbContextFactory<LinkageDbContext> contexts) : ICheckpointStore
{
    public async Task<IReadOnlyList<ChainCheckpoint>> ListAsync(string chainId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.Checkpoints.AsNoTracking().Where(c => c.ChainId == chainId).OrderBy(c => c.Sequence).ToListAsync(ct))
            .Select(ToDomain).ToList();
    }

    public async Task<ChainCheckpoint?> LatestAsync(string chainId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Checkpoints.AsNoTracking().Where(c => c.ChainId == chainId).OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(ct);
        return row is null ? null : ToDomain(row);
    }

    public async Task<IReadOnlyList<ChainCheckpoint>> UnwitnessedAsync(string chainId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.Checkpoints.AsNoTracking().Where(c => c.ChainId == chainId && c.WitnessSignature == null)
            .OrderBy(c => c.Sequence).ToListAsync(ct)).Select(ToDomain).ToList();
    }

    public async Task<ChainCheckpoint?> LatestWitnessedBeforeAsync(string chainId, DateTimeOffset before, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Checkpoints.AsNoTracking()
            .Where(c => c.ChainId == chainId && c.WitnessSignature != null && c.SealedAtMs < before.ToUnixTimeMilliseconds())
            .OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(ct);
        return row is null ? null : ToDomain(row);
    }

    public async Task AddAsync(ChainCheckpoint checkpoint, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Checkpoints.Add(new CheckpointRow
        {
            ChainId = checkpoint.ChainId,
            Sequence = checkpoint.Sequence,
            HeadHash = checkpoint.HeadHash,
            SealedAtMs = checkpoint.SealedAt.ToUnixTimeMilliseconds(),
            PreviousSequence = checkpoint.PreviousSequence,
            PreviousHash = checkpoint.PreviousHash,
            KeyId = checkpoint.KeyId,
            Signature = checkpoint.Signature,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task SetWitnessAsync(string chainId, long sequence, CheckpointWitness witness, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Checkpoints.Where(c => c.ChainId == chainId && c.Sequence == sequence).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.WitnessedAtMs, witness.WitnessedAt.ToUnixTimeMilliseconds())
            .SetProperty(c => c.WitnessKeyId, witness.KeyId)
            .SetProperty(c => c.WitnessSignature, witness.Signature), ct);
    }

    private static ChainCheckpoint ToDomain(CheckpointRow row) => new(row.ChainId, row.Sequence, row.HeadHash,
        DateTimeOffset.FromUnixTimeMilliseconds(row.SealedAtMs), row.PreviousSequence, row.PreviousHash, row.KeyId, row.Signature,
        row.WitnessSignature is null ? null
            : new CheckpointWitness(DateTimeOffset.FromUnixTimeMilliseconds(row.WitnessedAtMs!.Value), row.WitnessKeyId!, row.WitnessSignature));
}
