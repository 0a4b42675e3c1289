using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Records;
using Linkage.Storage.Chains;
using Linkage.Storage.Review;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Linkage.Storage.Records;

/// <summary>The only writer of the provision record chain (group commit; see <see cref="GroupCommitChainWriter{TItem}"/>).</summary>
public sealed class GroupCommitRecordWriter(
    string connectionString, InstitutionScope scope, HeldAttachmentWriter attachments, ILogger<GroupCommitRecordWriter> logger)
    : GroupCommitChainWriter<(ProvisionRecordEntry Entry, AcceptedPermit? Permit, RecordAttachment? Attachment)>(connectionString, logger), IRecordWriter
{
    /// <summary>The log size (in pages, 4 KB each) at which this writer checkpoints in its own commit: 32 MB.</summary>
    public const int AutoCheckpointPages = 8_192;

    private static readonly string[] Parameters = ["$seq", "$inst", "$at", "$dir", "$inq", "$permit", "$inquirer", "$provider",
        "$affair", "$proc", "$name", "$basis", "$outcome", "$reason", "$person", "$prev", "$hash", "$permitExpires"];

    private readonly string _institution = scope.Code.Value;
    private Dictionary<string, SqliteParameter> _p = [];

    protected override string ChainName => "provision record chain";

    protected override string TailQuery => "SELECT Sequence, Hash FROM ProvisionRecords ORDER BY Sequence DESC LIMIT 1";

    protected override byte[] Genesis => RecordHasher.Sha256.Genesis;

    public Task<long> AppendAsync(ProvisionRecordEntry entry, AcceptedPermit? acceptedPermit, CancellationToken ct, RecordAttachment? attachment = null) =>
        EnqueueAsync((entry, acceptedPermit, attachment));

    protected override bool HasAlongside((ProvisionRecordEntry Entry, AcceptedPermit? Permit, RecordAttachment? Attachment) item) =>
        item.Attachment is not null;

    protected override void WriteAlongside(SqliteConnection connection, SqliteTransaction transaction,
        (ProvisionRecordEntry Entry, AcceptedPermit? Permit, RecordAttachment? Attachment) item) =>
        attachments.Write(connection, transaction, item.Attachment!);

    protected override void Configure(SqliteConnection connection)
    {
        // See WalCheckpointer: it copies the log back in the background; this writer finishes the job, and lets
        // the log start over, only when the log reaches this size.
        using var autoCheckpoint = connection.CreateCommand();
        autoCheckpoint.CommandText = $"PRAGMA wal_autocheckpoint={AutoCheckpointPages};";
        autoCheckpoint.ExecuteNonQuery();
    }

    protected override SqliteCommand PrepareInsert(SqliteConnection connection)
    {
        var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO ProvisionRecords (Sequence, InstitutionCode, RecordedAtMs, Direction, InquiryId, PermitId,
                InquirerInstitution, ProviderInstitution, Affair, Procedure, InformationName, LegalBasis, Outcome, Reason,
                InternalAddressNumber, PreviousHash, Hash, PermitExpiresAtMs)
            VALUES ($seq, $inst, $at, $dir, $inq, $permit, $inquirer, $provider, $affair, $proc, $name, $basis, $outcome,
                $reason, $person, $prev, $hash, $permitExpires)
            """;
        _p = Parameters.ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter { ParameterName = n }));
        return insert;
    }

    protected override byte[] Bind(SqliteCommand insert, (ProvisionRecordEntry Entry, AcceptedPermit? Permit, RecordAttachment? Attachment) item,
        long sequence, byte[] previousHash)
    {
        var (e, permit, _) = item;
        // The expiry the replay guard will reload is part of what the hash covers.
        if (permit is not null) e = e with { PermitExpiresAt = permit.ExpiresAt };
        var hash = RecordHasher.Sha256.Hash(previousHash, sequence, e);
        _p["$seq"].Value = sequence;
        _p["$inst"].Value = _institution;
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
        _p["$permitExpires"].Value = (object?)e.PermitExpiresAt?.ToUnixTimeMilliseconds() ?? DBNull.Value;
        return hash;
    }
}
