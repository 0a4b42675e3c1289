using Linkage.Domain.Errors;
using Linkage.Domain.Records.Disclosure;
using Linkage.Storage.Database;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Records;

public sealed class SqliteNonDisclosureMarks(IDbContextFactory<LinkageDbContext> contexts) : INonDisclosureMarks
{
    public async Task<bool> MarkAsync(NonDisclosureMark mark, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.ProvisionRecords.AnyAsync(r => r.Sequence == mark.Sequence, ct)) return false;
        if (await db.NonDisclosureMarks.AnyAsync(m => m.Sequence == mark.Sequence, ct))
            throw new DomainException(ErrorKind.AlreadyExists, ErrorReasons.RecordAlreadyMarked, "This record is marked not to be disclosed already.");
        db.NonDisclosureMarks.Add(new NonDisclosureMarkRow
        {
            Sequence = mark.Sequence, Reason = mark.Reason, MarkedBy = mark.MarkedBy, MarkedAtMs = mark.MarkedAt.ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyDictionary<long, NonDisclosureMark>> MarksOfAsync(IReadOnlyCollection<long> sequences, CancellationToken ct)
    {
        if (sequences.Count == 0) return new Dictionary<long, NonDisclosureMark>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.NonDisclosureMarks.AsNoTracking().Where(m => sequences.Contains(m.Sequence)).ToListAsync(ct);
        return rows.ToDictionary(m => m.Sequence,
            m => new NonDisclosureMark(m.Sequence, m.Reason, m.MarkedBy, DateTimeOffset.FromUnixTimeMilliseconds(m.MarkedAtMs)));
    }
}
