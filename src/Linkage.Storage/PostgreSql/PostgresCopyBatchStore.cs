using Linkage.Domain;
using Linkage.Domain.Copies.Batches;
using Linkage.Storage.Copies;
using Linkage.Storage.Database;
using Npgsql;
using NpgsqlTypes;

namespace Linkage.Storage.PostgreSql;

/// <summary>
/// A chunk's rows into PostgreSQL. A chunk of first registrations only is copied straight into Copies by binary COPY
/// (see <see cref="CopyStraight"/>); when that fails on an existing record, or the chunk holds corrections, its first
/// registrations travel by binary COPY into a staging table of the transaction, then one INSERT … SELECT moves them
/// into Copies, skipping any (record, version) that exists (COPY itself cannot skip a conflict: one existing row would
/// fail the whole chunk). Only when some were skipped are they
/// looked up, to tell this batch's own rows (an earlier attempt of a resent stream) from another registration's.
/// Corrections go one by one after their record's latest version was read, as on SQLite.
/// </summary>
public sealed class PostgresCopyBatchStore(StorageDatabase database, InstitutionScope scope, CopyPayloadCodec codec, TimeProvider clock)
    : CopyBatchStore(database, scope, codec, clock)
{
    private const string Stage = """
        CREATE TEMP TABLE copy_stage (ordinal integer, person text, name text, record_key text, version integer,
            valid_from date, valid_to date, payload bytea) ON COMMIT DROP
        """;

    private const string Move = """
        WITH moved AS (
            INSERT INTO "Copies" ("InstitutionCode", "KeyId", "RegisteredAt", "BatchNumber", "InternalAddressNumber",
                "InformationNameCode", "RecordKey", "Version", "ValidFrom", "ValidTo", "Payload", "IsCurrent", "IsDeleted")
            SELECT @inst, @keyId, @registeredAt, @batch, person, name, record_key, version, valid_from, valid_to, payload, TRUE, FALSE
            FROM copy_stage ORDER BY ordinal
            ON CONFLICT DO NOTHING RETURNING "Id")
        SELECT count(*), min("Id"), max("Id") FROM moved
        """;

    private const string Owners = """
        SELECT s.ordinal FROM copy_stage s JOIN "Copies" c ON c."InstitutionCode" = @inst AND c."InternalAddressNumber" = s.person
            AND c."InformationNameCode" = s.name AND c."RecordKey" = s.record_key AND c."Version" = s.version
        WHERE c."BatchNumber" = @batch
        """;

    private protected override IReadOnlyList<CopyWriteOutcome> Write(long batchNumber, SealedCopyChunk chunk)
    {
        var registeredAt = (long)Instant.ConvertToProvider(Clock.GetUtcNow())!;
        using var connection = (NpgsqlConnection)Database.Open();
        using var transaction = connection.BeginTransaction();
        var outcomes = new CopyWriteOutcome[chunk.Count];
        long? first = null, last = null;

        var firsts = Enumerable.Range(0, chunk.Count).Where(i => chunk.RowAt(i).Version == 1).ToList();
        if (firsts.Count > 0 && firsts.Count == chunk.Count && CopyStraight(connection, transaction, batchNumber, chunk, registeredAt) is { } range)
        {
            (first, last) = range;
            Array.Fill(outcomes, CopyWriteOutcome.Stored);
        }
        else if (firsts.Count > 0)
        {
            connection.Execute(transaction, Stage);
            using (var copy = connection.BeginBinaryImport(
                "COPY copy_stage (ordinal, person, name, record_key, version, valid_from, valid_to, payload) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var i in firsts)
                {
                    ref readonly var c = ref chunk.RowAt(i);
                    copy.StartRow();
                    copy.Write(i, NpgsqlDbType.Integer);
                    copy.Write(c.Person, NpgsqlDbType.Text);
                    copy.Write(c.Name, NpgsqlDbType.Text);
                    copy.Write(c.RecordKey, NpgsqlDbType.Text);
                    copy.Write(c.Version, NpgsqlDbType.Integer);
                    copy.Write(c.ValidFrom, NpgsqlDbType.Date);
                    if (c.ValidTo is { } end) copy.Write(end, NpgsqlDbType.Date); else copy.WriteNull();
                    copy.Write(chunk.PayloadAt(i).ToArray(), NpgsqlDbType.Bytea);
                }
                copy.Complete();
            }
            using var move = Command(connection, transaction, Move);
            move.Add("keyId", chunk.KeyId);
            move.Add("registeredAt", registeredAt);
            move.Add("batch", batchNumber);
            long moved;
            using (var reader = move.ExecuteReader())
            {
                reader.Read();
                moved = reader.GetInt64(0);
                if (moved > 0) (first, last) = (reader.GetInt64(1), reader.GetInt64(2));
            }
            foreach (var i in firsts) outcomes[i] = CopyWriteOutcome.Stored;
            if (moved < firsts.Count) MarkOthers(connection, transaction, batchNumber, firsts, outcomes);
        }

        using var latest = LatestVersionCommand(connection, transaction);
        for (var i = 0; i < chunk.Count; i++)
        {
            ref readonly var c = ref chunk.RowAt(i);
            if (c.Version == 1) continue;
            CorrectionWritten(batchNumber);
            if (JudgeCorrection(latest, c, batchNumber) is { } judged)
            {
                outcomes[i] = judged;
                continue;
            }
            var id = InsertOne(connection, transaction, c, chunk.PayloadAt(i), chunk.KeyId, registeredAt, batchNumber);
            outcomes[i] = id is null ? CopyWriteOutcome.VersionConflict : CopyWriteOutcome.Stored;
            if (id is { } stored) (first, last) = (Math.Min(first ?? stored, stored), Math.Max(last ?? stored, stored));
        }

        if (first is { } from && last is { } to) RecordIdRange(connection, transaction, batchNumber, from, to);
        transaction.Commit();
        return outcomes;
    }

    /// <summary>
    /// A chunk of first registrations only, what an initial or nightly load is made of: copied straight into Copies
    /// under a savepoint, without the staging table and its INSERT … SELECT, which wrote every row twice. If any of its
    /// records is there already (a resent stream, another batch), the COPY fails on the unique index as a whole; the
    /// savepoint undoes it and the chunk takes the staging way, which skips those rows and tells ours from others'.
    /// Returns the ids the rows took, or null when the chunk must take the staging way.
    /// </summary>
    private (long First, long Last)? CopyStraight(NpgsqlConnection connection, NpgsqlTransaction transaction, long batchNumber,
        SealedCopyChunk chunk, long registeredAt)
    {
        // The ids the COPY takes come from the identity after this moment: greater than any id visible now.
        long before;
        using (var newest = Command(connection, transaction, """SELECT COALESCE(max("Id"), 0) FROM "Copies" """))
            before = Convert.ToInt64(newest.ExecuteScalar());
        transaction.Save("straight");
        try
        {
            using var copy = connection.BeginBinaryImport("""
                COPY "Copies" ("InstitutionCode", "KeyId", "RegisteredAt", "BatchNumber", "InternalAddressNumber", "InformationNameCode",
                    "RecordKey", "Version", "ValidFrom", "ValidTo", "Payload", "IsCurrent", "IsDeleted") FROM STDIN (FORMAT BINARY)
                """);
            for (var i = 0; i < chunk.Count; i++)
            {
                ref readonly var c = ref chunk.RowAt(i);
                copy.StartRow();
                copy.Write(Institution, NpgsqlDbType.Varchar);
                copy.Write(chunk.KeyId, NpgsqlDbType.Varchar);
                copy.Write(registeredAt, NpgsqlDbType.Bigint);
                copy.Write(batchNumber, NpgsqlDbType.Bigint);
                copy.Write(c.Person, NpgsqlDbType.Varchar);
                copy.Write(c.Name, NpgsqlDbType.Varchar);
                copy.Write(c.RecordKey, NpgsqlDbType.Varchar);
                copy.Write(c.Version, NpgsqlDbType.Integer);
                copy.Write(c.ValidFrom, NpgsqlDbType.Date);
                if (c.ValidTo is { } end) copy.Write(end, NpgsqlDbType.Date); else copy.WriteNull();
                copy.Write(chunk.PayloadAt(i).ToArray(), NpgsqlDbType.Bytea);
                copy.Write(true, NpgsqlDbType.Boolean);
                copy.Write(false, NpgsqlDbType.Boolean);
            }
            copy.Complete();
        }
        catch (PostgresException taken) when (taken.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            transaction.Rollback("straight");
            return null;
        }
        transaction.Release("straight");
        using var ids = Command(connection, transaction, """
            SELECT min("Id"), max("Id") FROM "Copies" WHERE "Id" > @before AND "BatchNumber" = @batch
            """);
        ids.Add("before", before);
        ids.Add("batch", batchNumber);
        using var reader = ids.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    // Some firsts were skipped: those that exist with our batch number are ours (inserted now or by an earlier attempt
    // of this batch; both count as stored); the others belong to another registration.
    private void MarkOthers(NpgsqlConnection connection, NpgsqlTransaction transaction, long batchNumber, List<int> firsts,
        CopyWriteOutcome[] outcomes)
    {
        using var owners = Command(connection, transaction, Owners);
        owners.Add("batch", batchNumber);
        var ours = new HashSet<int>();
        using (var reader = owners.ExecuteReader())
            while (reader.Read()) ours.Add(reader.GetInt32(0));
        foreach (var i in firsts)
            if (!ours.Contains(i)) outcomes[i] = CopyWriteOutcome.VersionConflict;
    }

    private long? InsertOne(NpgsqlConnection connection, NpgsqlTransaction transaction, in SealedCopyChunk.Row c,
        ReadOnlySpan<byte> payload, string keyId, long registeredAt, long batchNumber)
    {
        using var insert = Command(connection, transaction, """
            INSERT INTO "Copies" ("InstitutionCode", "KeyId", "RegisteredAt", "BatchNumber", "InternalAddressNumber",
                "InformationNameCode", "RecordKey", "Version", "ValidFrom", "ValidTo", "Payload", "IsCurrent", "IsDeleted")
            VALUES (@inst, @keyId, @registeredAt, @batch, @person, @name, @key, @version, @from, @to, @payload, TRUE, FALSE)
            ON CONFLICT DO NOTHING RETURNING "Id"
            """);
        insert.Add("keyId", keyId);
        insert.Add("registeredAt", registeredAt);
        insert.Add("batch", batchNumber);
        insert.Add("person", c.Person);
        insert.Add("name", c.Name);
        insert.Add("key", c.RecordKey);
        insert.Add("version", c.Version);
        insert.Add("from", c.ValidFrom);
        insert.Add("to", c.ValidTo);
        insert.Add("payload", payload.ToArray());
        return insert.ExecuteScalar() is long id ? id : null;
    }
}
