using Linkage.Storage.Database;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Copies;

/// <summary>
/// Which copy rows count, stated once for every reader of Copies (the provision look-up, GetCopy, DeleteCopy and the
/// statistics). A row is visible when it was written singly (no batch number) or by a batch that completed: a bulk
/// batch is written chunk by chunk and must show nothing until its stream ended cleanly (see
/// <see cref="SqliteCopyBatchStore"/>). The current copy of a record is its highest visible version flagged current:
/// a version registered singly retires the ones before it, and a batch's completion retires the versions it replaces in
/// the transaction that makes it visible; taking the highest keeps a reader right even if two were ever flagged at once.
/// A tombstone as the current copy means the record was deleted: it is no copy to provide or count.
/// </summary>
internal static class VisibleCopies
{
    /// <summary>The visibility of a row of Copies named <c>c</c>, as an SQL condition.</summary>
    public const string Condition =
        """(c."BatchNumber" IS NULL OR EXISTS (SELECT 1 FROM "CopyBatches" b WHERE b."Number" = c."BatchNumber" AND b."IsComplete"))""";

    /// <summary>The rows of Copies named <c>c</c> that may be the current copy of their record, as an SQL condition.</summary>
    public const string CurrentCondition = "c.\"IsCurrent\" AND " + Condition;

    /// <summary>The visible rows, for EF queries to go on from (<see cref="Condition"/>).</summary>
    public static IQueryable<CopyRow> Rows(LinkageDbContext db) => db.Copies.FromSqlRaw("SELECT * FROM \"Copies\" AS c WHERE " + Condition);

    /// <summary>The rows that may be current, for EF queries to go on from (<see cref="CurrentCondition"/>).</summary>
    public static IQueryable<CopyRow> CurrentRows(LinkageDbContext db) =>
        db.Copies.FromSqlRaw("SELECT * FROM \"Copies\" AS c WHERE " + CurrentCondition);

    /// <summary>
    /// The current copy of each record among <paramref name="candidates"/> (rows meeting <see cref="CurrentCondition"/>
    /// of one person and information name), tombstones left out.
    /// </summary>
    public static IEnumerable<CopyRow> CurrentOf(IEnumerable<CopyRow> candidates) => candidates
        .GroupBy(r => r.RecordKey, StringComparer.Ordinal)
        .Select(g => g.MaxBy(r => r.Version)!)
        .Where(r => !r.IsDeleted);
}
