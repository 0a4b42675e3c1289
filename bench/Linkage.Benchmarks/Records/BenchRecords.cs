using Linkage.Benchmarks.Copies;
using Linkage.Crypto;
using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Records;
using Microsoft.Data.Sqlite;

namespace Linkage.Benchmarks.Records;

/// <summary>
/// Provision records as the gateway writes them for incoming inquiries (fields of real shape and length, one per
/// inquiry, persons of a city's numbering), and a raw prepared insert of such a record into the real table.
/// </summary>
internal static class BenchRecords
{
    public const string Inquirer = "1000082015000000";

    /// <summary>The insert of GroupCommitRecordWriter, column for column.</summary>
    public const string InsertSql = """
        INSERT INTO ProvisionRecords (Node, Sequence, InstitutionCode, RecordedAtMs, Direction, InquiryId, PermitId,
            InquirerInstitution, ProviderInstitution, Affair, Procedure, InformationName, LegalBasis, Outcome, Reason,
            InternalAddressNumber, PreviousHash, Hash, PermitExpiresAtMs)
        VALUES ('node-1', $seq, $inst, $at, $dir, $inq, $permit, $inquirer, $provider, $affair, $proc, $name, $basis, $outcome,
            $reason, $person, $prev, $hash, $permitExpires)
        """;

    private static readonly string[] Parameters = ["$seq", "$inst", "$at", "$dir", "$inq", "$permit", "$inquirer", "$provider",
        "$affair", "$proc", "$name", "$basis", "$outcome", "$reason", "$person", "$prev", "$hash", "$permitExpires"];

    /// <summary>The record of the <paramref name="n"/>-th incoming provision: provided, to one inquiring city.</summary>
    public static ProvisionRecordEntry Entry(long n, DateTimeOffset at) => new(
        at, RecordDirection.Incoming,
        InquiryId: $"inq-{n:D12}-7f3a9c2e",
        PermitId: $"permit-{n:D12}-1b5d0e84",
        InquirerInstitution: Inquirer,
        ProviderInstitution: BenchStorage.Institution,
        Affair: "JM00000000000139",
        Procedure: "JT00000000013901",
        InformationName: "TM00000000013903",
        LegalBasis: "番号法第19条第8号 別表139の項 / 主務省令第141条",
        Outcome: ProvisionOutcome.Provided,
        Reason: "",
        Person: InternalAddressNumber.Parse($"0822100{n % 155_000:D8}"));

    public static AcceptedPermit Permit(long n, DateTimeOffset at) => new($"permit-{n:D12}-1b5d0e84", at.AddMinutes(10));

    /// <summary>A prepared insert of one record on a connection, and how to bind the next one.</summary>
    public sealed class RawInsert : IDisposable
    {
        private readonly SqliteCommand _insert;
        private readonly Dictionary<string, SqliteParameter> _p;

        public RawInsert(SqliteConnection connection)
        {
            _insert = connection.CreateCommand();
            _insert.CommandText = InsertSql;
            _p = Parameters.ToDictionary(n => n, n => _insert.Parameters.Add(new SqliteParameter { ParameterName = n }));
        }

        /// <summary>Inserts the record at <paramref name="sequence"/> with its real chain hash; returns the hash.</summary>
        public byte[] Insert(SqliteTransaction transaction, long sequence, byte[] previousHash, ProvisionRecordEntry e, AcceptedPermit permit)
        {
            var hash = RecordHasher.Sha256.Hash(previousHash, sequence, e);
            _insert.Transaction = transaction;
            _p["$seq"].Value = sequence;
            _p["$inst"].Value = BenchStorage.Institution;
            _p["$at"].Value = e.RecordedAt.ToUnixTimeMilliseconds();
            _p["$dir"].Value = (int)e.Direction;
            _p["$inq"].Value = e.InquiryId;
            _p["$permit"].Value = e.PermitId;
            _p["$inquirer"].Value = e.InquirerInstitution;
            _p["$provider"].Value = e.ProviderInstitution;
            _p["$affair"].Value = e.Affair;
            _p["$proc"].Value = e.Procedure;
            _p["$name"].Value = e.InformationName;
            _p["$basis"].Value = e.LegalBasis;
            _p["$outcome"].Value = (int)e.Outcome;
            _p["$reason"].Value = e.Reason;
            _p["$person"].Value = (object?)e.Person?.Value ?? DBNull.Value;
            _p["$prev"].Value = previousHash;
            _p["$hash"].Value = hash;
            _p["$permitExpires"].Value = permit.ExpiresAt.ToUnixTimeMilliseconds();
            if (_insert.ExecuteNonQuery() != 1) throw new InvalidOperationException("The insert stored nothing.");
            return hash;
        }

        public void Dispose() => _insert.Dispose();
    }

    public static long Count(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM ProvisionRecords";
        return (long)count.ExecuteScalar()!;
    }
}
