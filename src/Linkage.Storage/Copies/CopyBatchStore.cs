using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Linkage.Domain;
using Linkage.Domain.Copies.Batches;
using Linkage.Storage.Database;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Linkage.Storage.Copies;

/// <summary>
/// The bulk copy writer: raw SQL, one transaction per chunk (EF change tracking is an order of magnitude slower here).
/// Chunks rather than one transaction per batch because a million-row transaction would hold SQLite's one write lock
/// for seconds and stall the provision records behind it (and, on PostgreSQL, hold its row locks as long).
/// Rows carry their batch number and stay invisible until <see cref="CompleteAsync"/> flips the batch complete
/// (and retires the versions it replaces) in one short transaction; so a stream that breaks leaves nothing
/// visible, and a resend recognises its own rows by batch number instead of storing them twice.
/// Every commit is durable before it returns: a chunk reported written is on disk.
/// How a chunk's rows reach the table is the provider's (<see cref="SqliteCopyBatchStore"/>, binary COPY in
/// PostgresCopyBatchStore); the rest is here, once.
/// </summary>
public abstract class CopyBatchStore(StorageDatabase database, InstitutionScope scope, CopyPayloadCodec codec, TimeProvider clock)
    : ICopyBatchStore
{
    protected static readonly DateTimeOffsetToBinaryConverter Instant = new();
    protected string Institution { get; } = scope.Code.Value;
    protected StorageDatabase Database => database;
    protected TimeProvider Clock => clock;

    // Batches begun by this process none of whose writes held a correction: completing one has no earlier version
    // to retire, and skips the scan of all its rows. A batch resumed from an earlier attempt is never listed, since
    // that attempt may have written corrections.
    private readonly ConcurrentDictionary<long, byte> _firstsOnly = new();

    public async Task<CopyBatchStart> BeginAsync(string batchId, CancellationToken ct)
    {
        // Without the keys no chunk could be sealed: refused before the batch is begun, not halfway through it.
        codec.RequireKeys();
        await using var connection = await database.OpenAsync(ct);
        await using var find = Command(connection, null,
            """SELECT "Number", "IsComplete", "ResultJson" FROM "CopyBatches" WHERE "InstitutionCode" = @inst AND "BatchId" = @batch""");
        find.Add("batch", batchId);
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
        await using var insert = Command(connection, null, """
            INSERT INTO "CopyBatches" ("InstitutionCode", "BatchId", "IsComplete", "Received", "Stored", "Rejected", "StartedAt")
            VALUES (@inst, @batch, FALSE, 0, 0, 0, @at) RETURNING "Number"
            """);
        insert.Add("batch", batchId);
        insert.Add("at", Instant.ConvertToProvider(clock.GetUtcNow()));
        var started = Convert.ToInt64(await insert.ExecuteScalarAsync(ct));
        _firstsOnly[started] = 0;
        return new CopyBatchStart(started, null);
    }

    public PreparedCopyChunk StartChunk(int capacity) => new SealedCopyChunk(codec, Institution, capacity);

    public Task<IReadOnlyList<CopyWriteOutcome>> WriteAsync(long batchNumber, PreparedCopyChunk chunk, CancellationToken ct)
    {
        var sealedChunk = chunk as SealedCopyChunk ?? throw new ArgumentException("The chunk was started by another store.", nameof(chunk));
        // On the pool: the caller goes on filling the next chunk meanwhile.
        return Task.Run(() => Write(batchNumber, sealedChunk), ct);
    }

    /// <summary>Writes one chunk in one transaction; the outcome of each row in the chunk's order.</summary>
    private protected abstract IReadOnlyList<CopyWriteOutcome> Write(long batchNumber, SealedCopyChunk chunk);

    /// <summary>A correction was written in the batch: its completion must retire the versions it replaces.</summary>
    protected void CorrectionWritten(long batchNumber) => _firstsOnly.TryRemove(batchNumber, out _);

    public async Task DiscardAsync(long batchNumber, CancellationToken ct)
    {
        _firstsOnly.TryRemove(batchNumber, out _);
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Within the ids the batch's chunks took (a primary-key range), not a scan of every copy held.
        await using var rows = Command(connection, transaction, """
            DELETE FROM "Copies" WHERE "BatchNumber" = @batch AND "Id" BETWEEN
                (SELECT "FirstCopyId" FROM "CopyBatches" WHERE "Number" = @batch AND NOT "IsComplete")
                AND (SELECT "LastCopyId" FROM "CopyBatches" WHERE "Number" = @batch AND NOT "IsComplete")
            """);
        rows.Add("batch", batchNumber);
        await rows.ExecuteNonQueryAsync(ct);
        await using var batch = Command(connection, transaction,
            """DELETE FROM "CopyBatches" WHERE "InstitutionCode" = @inst AND "Number" = @batch AND NOT "IsComplete" """);
        batch.Add("batch", batchNumber);
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<int> DiscardAbandonedAsync(DateTimeOffset startedBefore, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var rows = Command(connection, transaction, """
            DELETE FROM "Copies" WHERE "BatchNumber" IN (
                SELECT "Number" FROM "CopyBatches" WHERE "InstitutionCode" = @inst AND NOT "IsComplete" AND "StartedAt" < @before)
            """);
        rows.Add("before", Instant.ConvertToProvider(startedBefore));
        await rows.ExecuteNonQueryAsync(ct);
        await using var batches = Command(connection, transaction,
            """DELETE FROM "CopyBatches" WHERE "InstitutionCode" = @inst AND NOT "IsComplete" AND "StartedAt" < @before""");
        batches.Add("before", Instant.ConvertToProvider(startedBefore));
        var removed = await batches.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return removed;
    }

    public async Task CompleteAsync(long batchNumber, CopyBatchResult result, CancellationToken ct)
    {
        var firstsOnly = _firstsOnly.TryRemove(batchNumber, out _);
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Set-based: retire the versions that the batch's corrections replace. Only the batch's own id range is
        // scanned, and each replaced version is found through the unique (record, version) index.
        await using var retire = Command(connection, transaction, """
            UPDATE "Copies" SET "IsCurrent" = FALSE WHERE "Id" IN (
                SELECT old."Id" FROM "CopyBatches" b
                JOIN "Copies" new ON new."Id" BETWEEN b."FirstCopyId" AND b."LastCopyId" AND new."BatchNumber" = b."Number" AND new."Version" > 1
                JOIN "Copies" old ON old."InstitutionCode" = new."InstitutionCode" AND old."InternalAddressNumber" = new."InternalAddressNumber"
                    AND old."InformationNameCode" = new."InformationNameCode" AND old."RecordKey" = new."RecordKey"
                    AND old."Version" < new."Version" AND old."IsCurrent"
                WHERE b."Number" = @batch)
            """);
        retire.Add("batch", batchNumber);
        if (!firstsOnly) await retire.ExecuteNonQueryAsync(ct);

        await using var complete = Command(connection, transaction, """
            UPDATE "CopyBatches" SET "IsComplete" = TRUE, "Received" = @received, "Stored" = @stored, "Rejected" = @rejected,
                "ResultJson" = @result, "CompletedAt" = @at WHERE "Number" = @batch
            """);
        complete.Add("received", result.Received);
        complete.Add("stored", result.Stored);
        complete.Add("rejected", result.Rejected);
        complete.Add("result", JsonSerializer.Serialize(result));
        complete.Add("at", Instant.ConvertToProvider(clock.GetUtcNow()));
        complete.Add("batch", batchNumber);
        await complete.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The latest stored version of a correction's record and the batch that wrote it: it decides the correction.</summary>
    private protected static CopyWriteOutcome? JudgeCorrection(DbCommand latest, in SealedCopyChunk.Row c, long batchNumber)
    {
        latest.Parameters["person"].Value = c.Person;
        latest.Parameters["name"].Value = c.Name;
        latest.Parameters["key"].Value = c.RecordKey;
        int latestVersion;
        long? latestBatch;
        using (var reader = latest.ExecuteReader())
            (latestVersion, latestBatch) = reader.Read() ? (reader.GetInt32(0), reader.IsDBNull(1) ? (long?)null : reader.GetInt64(1)) : (0, null);
        if (latestVersion == c.Version && latestBatch == batchNumber) return CopyWriteOutcome.AlreadyStored;
        if (latestVersion != c.Version - 1) return CopyWriteOutcome.VersionConflict;
        return null; // to be inserted
    }

    /// <summary>The look-up <see cref="JudgeCorrection"/> binds.</summary>
    private protected DbCommand LatestVersionCommand(DbConnection connection, DbTransaction transaction)
    {
        var latest = Command(connection, transaction, """
            SELECT "Version", "BatchNumber" FROM "Copies" WHERE "InstitutionCode" = @inst AND "InternalAddressNumber" = @person
                AND "InformationNameCode" = @name AND "RecordKey" = @key ORDER BY "Version" DESC LIMIT 1
            """);
        latest.Add("person", "");
        latest.Add("name", "");
        latest.Add("key", "");
        return latest;
    }

    /// <summary>Records the ids the chunk's rows took, so that completion scans only the batch's range.</summary>
    private protected static void RecordIdRange(DbConnection connection, DbTransaction transaction, long batchNumber, long first, long last) =>
        connection.Execute(transaction, """
            UPDATE "CopyBatches" SET "FirstCopyId" = COALESCE("FirstCopyId", @first), "LastCopyId" = @last WHERE "Number" = @batch
            """, ("first", first), ("last", last), ("batch", batchNumber));

    // The insert was ignored, so this exact (record, version) exists: ours from an interrupted attempt, or not.
    private protected long? OwnerOfVersion(DbConnection connection, DbTransaction transaction, in SealedCopyChunk.Row c)
    {
        using var owner = Command(connection, transaction, """
            SELECT "BatchNumber" FROM "Copies" WHERE "InstitutionCode" = @inst AND "InternalAddressNumber" = @person
                AND "InformationNameCode" = @name AND "RecordKey" = @key AND "Version" = @version
            """);
        owner.Add("person", c.Person);
        owner.Add("name", c.Name);
        owner.Add("key", c.RecordKey);
        owner.Add("version", c.Version);
        return owner.ExecuteScalar() is { } number and not DBNull ? Convert.ToInt64(number) : null;
    }

    private protected DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.Command(sql, transaction);
        command.Add("inst", Institution);
        return command;
    }
}
