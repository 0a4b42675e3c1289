using Linkage.Domain.Chains;
using Linkage.Domain.Errors;
using Linkage.Domain.Records.Disclosure;
using Linkage.Storage.Database;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Records;

public sealed class DbNonDisclosureMarks(IDbContextFactory<LinkageDbContext> contexts) : INonDisclosureMarks
{
    public async Task<bool> MarkAsync(NonDisclosureMark mark, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (node, sequence) = mark.Record;
        if (!await db.ProvisionRecords.AnyAsync(r => r.Node == node && r.Sequence == sequence, ct)) return false;
        if (await db.NonDisclosureMarks.AnyAsync(m => m.Node == node && m.Sequence == sequence, ct))
            throw new DomainException(ErrorKind.AlreadyExists, ErrorReasons.RecordAlreadyMarked, "This record is marked not to be disclosed already.");
        db.NonDisclosureMarks.Add(new NonDisclosureMarkRow
        {
            Node = node, Sequence = sequence, Reason = mark.Reason, MarkedBy = mark.MarkedBy, MarkedAtMs = mark.MarkedAt.ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyDictionary<ChainPosition, NonDisclosureMark>> MarksOfAsync(IReadOnlyCollection<ChainPosition> records, CancellationToken ct)
    {
        if (records.Count == 0) return new Dictionary<ChainPosition, NonDisclosureMark>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        // One person's records: a handful of sequences, matched by sequence in the database and by node here.
        var sequences = records.Select(r => r.Sequence).Distinct().ToList();
        var wanted = records.ToHashSet();
        var rows = (await db.NonDisclosureMarks.AsNoTracking().Where(m => sequences.Contains(m.Sequence)).ToListAsync(ct))
            .Where(m => wanted.Contains(new ChainPosition(m.Node, m.Sequence)));
        return rows.ToDictionary(m => new ChainPosition(m.Node, m.Sequence),
            m => new NonDisclosureMark(new ChainPosition(m.Node, m.Sequence), m.Reason, m.MarkedBy, DateTimeOffset.FromUnixTimeMilliseconds(m.MarkedAtMs)));
    }
}
