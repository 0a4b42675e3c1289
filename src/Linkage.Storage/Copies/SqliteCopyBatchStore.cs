using Linkage.Domain;
using Linkage.Domain.Copies.Batches;
using Linkage.Storage.Database;
using Microsoft.Data.Sqlite;

namespace Linkage.Storage.Copies;

/// <summary>
/// A chunk's rows into SQLite: first registrations many rows per INSERT through SQLite's own interface
/// (<see cref="RowInserter"/>), corrections one by one after their record's latest version was read.
/// </summary>
public sealed class SqliteCopyBatchStore(SqliteStorage database, InstitutionScope scope, CopyPayloadCodec codec, TimeProvider clock)
    : CopyBatchStore(database, scope, codec, clock)
{
    private const int RowsPerStatement = 32;

    private protected override IReadOnlyList<CopyWriteOutcome> Write(long batchNumber, SealedCopyChunk chunk)
    {
        var registeredAt = (long)Instant.ConvertToProvider(Clock.GetUtcNow())!;
        using var connection = (SqliteConnection)Database.Open();
        using var transaction = connection.BeginTransaction();
        using var many = new RowInserter(connection, Institution, chunk.KeyId, registeredAt, batchNumber, RowsPerStatement);
        using var one = new RowInserter(connection, Institution, chunk.KeyId, registeredAt, batchNumber, 1);
        using var maxId = Command(connection, transaction, """SELECT COALESCE(MAX("Id"), 0) FROM "Copies" """);
        var before = (long)maxId.ExecuteScalar()!;
        using var latest = LatestVersionCommand(connection, transaction);

        var outcomes = new CopyWriteOutcome[chunk.Count];
        Span<int> firsts = stackalloc int[RowsPerStatement];
        var pending = 0;
        for (var i = 0; i < chunk.Count; i++)
        {
            ref readonly var c = ref chunk.RowAt(i);
            if (c.Version == 1)
            {
                // First registrations go in groups of rows per statement. No read is needed: the unique index
                // (record, version) refuses a second version 1 by itself, and ON CONFLICT tells us it did.
                firsts[pending++] = i;
                if (pending == RowsPerStatement)
                {
                    InsertFirsts(connection, transaction, many, firsts, chunk, outcomes, batchNumber);
                    pending = 0;
                }
                continue;
            }
            CorrectionWritten(batchNumber);
            if (JudgeCorrection(latest, c, batchNumber) is { } judged) outcomes[i] = judged;
            else
            {
                one.Bind(0, c, chunk.PayloadAt(i));
                outcomes[i] = one.Execute() == 1 ? CopyWriteOutcome.Stored : CopyWriteOutcome.VersionConflict;
            }
        }
        for (var k = 0; k < pending; k++) InsertFirsts(connection, transaction, one, firsts.Slice(k, 1), chunk, outcomes, batchNumber);

        // Ids only grow, so this chunk's rows lie in (before, last]: completion scans only its batch's range.
        var last = RowInserter.LastRowId(connection);
        if (last > before) RecordIdRange(connection, transaction, batchNumber, before + 1, last);
        transaction.Commit();
        return outcomes;
    }

    private void InsertFirsts(SqliteConnection connection, SqliteTransaction transaction, RowInserter inserter, ReadOnlySpan<int> rows,
        SealedCopyChunk chunk, CopyWriteOutcome[] outcomes, long batchNumber)
    {
        for (var slot = 0; slot < rows.Length; slot++) inserter.Bind(slot, chunk.RowAt(rows[slot]), chunk.PayloadAt(rows[slot]));
        var inserted = inserter.Execute();
        foreach (var i in rows)
            outcomes[i] = inserted == rows.Length || OwnerOfVersion(connection, transaction, chunk.RowAt(i)) == batchNumber
                // Some were refused: those existing with our batch number are ours (inserted now or by an earlier
                // attempt of this batch; both count as stored); the others belong to another registration.
                ? CopyWriteOutcome.Stored
                : CopyWriteOutcome.VersionConflict;
    }
}
