using System.Collections.Concurrent;
using System.Text.Json;
using Linkage.Domain.Copies.Batches;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Linkage.Domain;
using Linkage.Storage.Database;

namespace Linkage.Storage.Copies;

/// <summary>
/// The bulk copy writer: raw prepared statements, one transaction per chunk (EF change tracking is an order of
/// magnitude slower here). Chunks rather than one transaction per batch because SQLite has one writer: a
/// million-row transaction would hold the write lock for seconds and stall the provision records behind it.
/// Rows carry their batch number and stay invisible until <see cref="CompleteAsync"/> flips the batch complete
/// (and retires the versions it replaces) in one short transaction; so a stream that breaks leaves nothing
/// visible, and a resend recognises its own rows by batch number instead of storing them twice.
/// Every commit runs with synchronous=FULL: a chunk reported written is on disk.
/// </summary>
public sealed class SqliteCopyBatchStore(string connectionString, InstitutionScope scope, CopyPayloadCodec codec, TimeProvider clock)
    : ICopyBatchStore
{
    private const int RowsPerStatement = 32;
    private static readonly DateTimeOffsetToBinaryConverter Instant = new();
    private readonly string _institution = scope.Code.Value;

    // Batches begun by this process none of whose writes held a correction: completing one has no earlier version
    // to retire, and skips the scan of all its rows. A batch resumed from an earlier attempt is never listed, since
    // that attempt may have written corrections.
    private readonly ConcurrentDictionary<long, byte> _firstsOnly = new();

    public async Task<CopyBatchStart> BeginAsync(string batchId, CancellationToken ct)
    {
        // Without the keys no chunk could be sealed: refused before the batch is begun, not halfway through it.
        codec.RequireKeys();
        await using var connection = await OpenAsync(ct);
        using var find = Command(connection, null,
            "SELECT Number, IsComplete, ResultJson FROM CopyBatches WHERE InstitutionCode = $inst AND BatchId = $batch");
        find.Parameters.AddWithValue("$batch", batchId);
        await using (var reader = await find.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                var number = reader.GetInt64(0);
                return reader.GetBoolean(1)
                    ? new CopyBatchStart(number, JsonSerializer.Deserialize<CopyBatchResult>(reader.GetString(2)))
                    : new CopyBatchStart(number, null); // an interrupted earlier attempt: resume it
            }
        }
        using var insert = Command(connection, null, """
            INSERT INTO CopyBatches (InstitutionCode, BatchId, IsComplete, Received, Stored, Rejected, StartedAt)
            VALUES ($inst, $batch, 0, 0, 0, 0, $at) RETURNING Number
            """);
        insert.Parameters.AddWithValue("$batch", batchId);
        insert.Parameters.AddWithValue("$at", Instant.ConvertToProvider(clock.GetUtcNow()));
        var started = (long)(await insert.ExecuteScalarAsync(ct))!;
        _firstsOnly[started] = 0;
        return new CopyBatchStart(started, null);
    }

    public PreparedCopyChunk StartChunk(int capacity) => new SealedCopyChunk(codec, _institution, capacity);

    public Task<IReadOnlyList<CopyWriteOutcome>> WriteAsync(long batchNumber, PreparedCopyChunk chunk, CancellationToken ct)
    {
        var sealedChunk = chunk as SealedCopyChunk ?? throw new ArgumentException("The chunk was started by another store.", nameof(chunk));
        // SQLite calls are synchronous anyway; on the pool, the caller goes on filling the next chunk meanwhile.
        return Task.Run(() => Write(batchNumber, sealedChunk), ct);
    }

    private IReadOnlyList<CopyWriteOutcome> Write(long batchNumber, SealedCopyChunk chunk)
    {
        var registeredAt = (long)Instant.ConvertToProvider(clock.GetUtcNow())!;
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var many = new RowInserter(connection, _institution, chunk.KeyId, registeredAt, batchNumber, RowsPerStatement);
        using var one = new RowInserter(connection, _institution, chunk.KeyId, registeredAt, batchNumber, 1);
        using var maxId = Command(connection, transaction, "SELECT COALESCE(MAX(Id), 0) FROM Copies");
        var before = (long)maxId.ExecuteScalar()!;
        using var latest = Command(connection, transaction, """
            SELECT Version, BatchNumber FROM Copies WHERE InstitutionCode = $inst AND InternalAddressNumber = $person
                AND InformationNameCode = $name AND RecordKey = $key ORDER BY Version DESC LIMIT 1
            """);
        var lPerson = latest.Parameters.Add("$person", SqliteType.Text);
        var lName = latest.Parameters.Add("$name", SqliteType.Text);
        var lKey = latest.Parameters.Add("$key", SqliteType.Text);

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
            // A correction: the record's latest version decides.
            _firstsOnly.TryRemove(batchNumber, out _);
            lPerson.Value = c.Person;
            lName.Value = c.Name;
            lKey.Value = c.RecordKey;
            int latestVersion;
            long? latestBatch;
            using (var reader = latest.ExecuteReader())
                (latestVersion, latestBatch) = reader.Read() ? (reader.GetInt32(0), reader.IsDBNull(1) ? (long?)null : reader.GetInt64(1)) : (0, null);
            if (latestVersion == c.Version && latestBatch == batchNumber) outcomes[i] = CopyWriteOutcome.AlreadyStored;
            else if (latestVersion != c.Version - 1) outcomes[i] = CopyWriteOutcome.VersionConflict;
            else
            {
                one.Bind(0, c, chunk.PayloadAt(i));
                outcomes[i] = one.Execute() == 1 ? CopyWriteOutcome.Stored : CopyWriteOutcome.VersionConflict;
            }
        }
        for (var k = 0; k < pending; k++) InsertFirsts(connection, transaction, one, firsts.Slice(k, 1), chunk, outcomes, batchNumber);

        // Ids only grow, so this chunk's rows lie in (before, last]: completion scans only its batch's range.
        var last = RowInserter.LastRowId(connection);
        if (last > before)
        {
            using var range = Command(connection, transaction, """
                UPDATE CopyBatches SET FirstCopyId = COALESCE(FirstCopyId, $first), LastCopyId = $last WHERE Number = $batch
                """);
            range.Parameters.AddWithValue("$first", before + 1);
            range.Parameters.AddWithValue("$last", last);
            range.Parameters.AddWithValue("$batch", batchNumber);
            range.ExecuteNonQuery();
        }
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

    public async Task<int> DiscardAbandonedAsync(DateTimeOffset startedBefore, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        using var rows = Command(connection, transaction, """
            DELETE FROM Copies WHERE BatchNumber IN (
                SELECT Number FROM CopyBatches WHERE InstitutionCode = $inst AND IsComplete = 0 AND StartedAt < $before)
            """);
        rows.Parameters.AddWithValue("$before", Instant.ConvertToProvider(startedBefore));
        await rows.ExecuteNonQueryAsync(ct);
        using var batches = Command(connection, transaction,
            "DELETE FROM CopyBatches WHERE InstitutionCode = $inst AND IsComplete = 0 AND StartedAt < $before");
        batches.Parameters.AddWithValue("$before", Instant.ConvertToProvider(startedBefore));
        var removed = await batches.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return removed;
    }

    public async Task CompleteAsync(long batchNumber, CopyBatchResult result, CancellationToken ct)
    {
        var firstsOnly = _firstsOnly.TryRemove(batchNumber, out _);
        await using var connection = await OpenAsync(ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        // Set-based: retire the versions that the batch's corrections replace. Only the batch's own rowid range is
        // scanned, and each replaced version is found through the unique (record, version) index.
        using var retire = Command(connection, transaction, """
            UPDATE Copies SET IsCurrent = 0 WHERE Id IN (
                SELECT old.Id FROM CopyBatches b
                JOIN Copies new ON new.Id BETWEEN b.FirstCopyId AND b.LastCopyId AND new.BatchNumber = b.Number AND new.Version > 1
                JOIN Copies old ON old.InstitutionCode = new.InstitutionCode AND old.InternalAddressNumber = new.InternalAddressNumber
                    AND old.InformationNameCode = new.InformationNameCode AND old.RecordKey = new.RecordKey
                    AND old.Version < new.Version AND old.IsCurrent = 1
                WHERE b.Number = $batch)
            """);
        retire.Parameters.AddWithValue("$batch", batchNumber);
        if (!firstsOnly) await retire.ExecuteNonQueryAsync(ct);

        using var complete = Command(connection, transaction, """
            UPDATE CopyBatches SET IsComplete = 1, Received = $received, Stored = $stored, Rejected = $rejected,
                ResultJson = $result, CompletedAt = $at WHERE Number = $batch
            """);
        complete.Parameters.AddWithValue("$received", result.Received);
        complete.Parameters.AddWithValue("$stored", result.Stored);
        complete.Parameters.AddWithValue("$rejected", result.Rejected);
        complete.Parameters.AddWithValue("$result", JsonSerializer.Serialize(result));
        complete.Parameters.AddWithValue("$at", Instant.ConvertToProvider(clock.GetUtcNow()));
        complete.Parameters.AddWithValue("$batch", batchNumber);
        await complete.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    // The insert was ignored, so this exact (record, version) exists: ours from an interrupted attempt, or not.
    private long? OwnerOfVersion(SqliteConnection connection, SqliteTransaction transaction, in SealedCopyChunk.Row c)
    {
        using var owner = Command(connection, transaction, """
            SELECT BatchNumber FROM Copies WHERE InstitutionCode = $inst AND InternalAddressNumber = $person
                AND InformationNameCode = $name AND RecordKey = $key AND Version = $version
            """);
        owner.Parameters.AddWithValue("$person", c.Person);
        owner.Parameters.AddWithValue("$name", c.Name);
        owner.Parameters.AddWithValue("$key", c.RecordKey);
        owner.Parameters.AddWithValue("$version", c.Version);
        return owner.ExecuteScalar() is long number ? number : null;
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$inst", _institution);
        return command;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqlitePragmas.Apply(connection);
        return connection;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        SqlitePragmas.Apply(connection);
        return connection;
    }
}
