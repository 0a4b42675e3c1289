using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Linkage.Storage.Copies;

/// <summary>
/// The INSERT of the bulk copy writer, for a fixed number of rows per statement, prepared once per chunk on the
/// writer's connection and driven through SQLite's own interface: Microsoft.Data.Sqlite looks every parameter up by
/// name and converts it again on each execution, which cost more than SQLite's insert itself. The values common to the
/// chunk are bound once (SQLite keeps bindings across executions); a row binds only its own fields, as UTF-8 written
/// into a reused buffer. Rows that would duplicate a (record, version) are skipped.
/// </summary>
internal sealed class RowInserter : IDisposable
{
    private const int Common = 4;
    private const int PerRow = 7;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly byte[] _text = new byte[256];

    public RowInserter(SqliteConnection connection, string institution, string keyId, long registeredAt, long batchNumber, int rows)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Rows = rows;
        var sql = new StringBuilder("""
            INSERT INTO Copies (InstitutionCode, KeyId, RegisteredAt, BatchNumber, InternalAddressNumber, InformationNameCode,
                RecordKey, Version, ValidFrom, ValidTo, Payload, IsCurrent, IsDeleted) VALUES
            """);
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "\n(?1, ?2, ?3, ?4" : ",\n(?1, ?2, ?3, ?4");
            for (var p = 1; p <= PerRow; p++) sql.Append(CultureInfo.InvariantCulture, $", ?{Common + r * PerRow + p}");
            sql.Append(", 1, 0)");
        }
        sql.Append("\nON CONFLICT DO NOTHING");
        Check(raw.sqlite3_prepare_v2(_db, sql.ToString(), out _statement));
        Check(BindText(1, institution));
        Check(BindText(2, keyId));
        Check(raw.sqlite3_bind_int64(_statement, 3, registeredAt));
        Check(raw.sqlite3_bind_int64(_statement, 4, batchNumber));
    }

    /// <summary>How many rows each <see cref="Execute"/> inserts.</summary>
    public int Rows { get; }

    /// <summary>Binds <paramref name="copy"/> as the row <paramref name="slot"/> (0-based) of the next execution.</summary>
    public void Bind(int slot, in SealedCopyChunk.Row copy, ReadOnlySpan<byte> payload)
    {
        var at = Common + slot * PerRow;
        Check(BindText(at + 1, copy.Person));
        Check(BindText(at + 2, copy.Name));
        Check(BindText(at + 3, copy.RecordKey));
        Check(raw.sqlite3_bind_int(_statement, at + 4, copy.Version));
        Check(BindDate(at + 5, copy.ValidFrom));
        Check(copy.ValidTo is { } end ? BindDate(at + 6, end) : raw.sqlite3_bind_null(_statement, at + 6));
        Check(raw.sqlite3_bind_blob(_statement, at + 7, payload));
    }

    /// <summary>Inserts the bound rows; returns how many were inserted (the others existed already).</summary>
    public int Execute()
    {
        var stepped = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (stepped != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(stepped, _db);
        return raw.sqlite3_changes(_db);
    }

    /// <summary>The id of the last row inserted on this connection, by this writer or (if none) by an earlier user.</summary>
    public static long LastRowId(SqliteConnection connection) => raw.sqlite3_last_insert_rowid(connection.Handle);

    private int BindText(int index, string value)
    {
        // Keys are validated ASCII well under the buffer; anything longer is encoded on its own.
        if (value.Length * 3 > _text.Length) return raw.sqlite3_bind_text(_statement, index, Encoding.UTF8.GetBytes(value));
        var length = Encoding.UTF8.GetBytes(value, _text);
        return raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, length));
    }

    // The form EF Core stores a DateOnly in: TEXT as yyyy-MM-dd.
    private int BindDate(int index, DateOnly day)
    {
        day.TryFormat(_text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, length));
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, _db);
    }

    public void Dispose() => _statement.Dispose();
}
