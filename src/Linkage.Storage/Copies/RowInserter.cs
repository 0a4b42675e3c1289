using System.Globalization;
using System.Text;
using Linkage.Domain.Copies;
using Microsoft.Data.Sqlite;

namespace Linkage.Storage.Copies;

/// <summary>
/// A prepared multi-row INSERT of copies: one statement per group of rows, because the per-statement cost of the
/// ADO.NET provider, not SQLite, dominates a row this small. Rows that would duplicate a (record, version) are skipped.
/// </summary>
internal sealed class RowInserter : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[][] _rows;

    public RowInserter(SqliteConnection connection, SqliteTransaction transaction, string institution, string keyId,
        object registeredAt, long batchNumber, int rows)
    {
        var sql = new StringBuilder("""
            INSERT INTO Copies (InstitutionCode, InternalAddressNumber, InformationNameCode, RecordKey, Version, ValidFrom,
                ValidTo, IsCurrent, IsDeleted, KeyId, Payload, RegisteredAt, BatchNumber) VALUES
            """);
        for (var r = 0; r < rows; r++)
            sql.Append(CultureInfo.InvariantCulture,
                $"{(r == 0 ? "" : ",")}\n($inst, $p{r}, $n{r}, $k{r}, $v{r}, $f{r}, $t{r}, 1, 0, $keyId, $d{r}, $at, $batch)");
        sql.Append("\nON CONFLICT DO NOTHING");
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql.ToString();
        _command.Parameters.AddWithValue("$inst", institution);
        _command.Parameters.AddWithValue("$keyId", keyId);
        _command.Parameters.AddWithValue("$at", registeredAt);
        _command.Parameters.AddWithValue("$batch", batchNumber);
        _rows = new SqliteParameter[rows][];
        for (var r = 0; r < rows; r++)
            _rows[r] = new[] { "p", "n", "k", "v", "f", "t", "d" }.Select(x => _command.Parameters.Add("$" + x + r.ToString(CultureInfo.InvariantCulture),
                x switch { "v" => SqliteType.Integer, "d" => SqliteType.Blob, _ => SqliteType.Text })).ToArray();
        _command.Prepare();
    }

    /// <summary>Inserts exactly as many rows as this statement holds; returns how many were inserted.</summary>
    public int Insert(IReadOnlyList<int> indexes, IReadOnlyList<ProvisionCopy> chunk, byte[][] payloads)
    {
        for (var r = 0; r < _rows.Length; r++)
        {
            var c = chunk[indexes[r]];
            var p = _rows[r];
            p[0].Value = c.Person.Value;
            p[1].Value = c.InformationName.Value;
            p[2].Value = c.RecordKey;
            p[3].Value = c.Version;
            p[4].Value = c.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p[5].Value = c.ValidTo is { } end ? end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;
            p[6].Value = payloads[indexes[r]];
        }
        return _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
