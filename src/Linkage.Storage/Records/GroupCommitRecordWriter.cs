using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Records;
using Linkage.Storage.Chains;
using Linkage.Storage.Review;
using System.Data.Common;
using Linkage.Storage.Database;
using Microsoft.Extensions.Logging;

namespace Linkage.Storage.Records;

/// <summary>The only writer of this node's provision record chain (group commit; see <see cref="GroupCommitChainWriter{TItem}"/>).</summary>
public sealed class GroupCommitRecordWriter(
    StorageDatabase database, InstitutionScope scope, HeldAttachmentWriter attachments, ILogger<GroupCommitRecordWriter> logger)
    : GroupCommitChainWriter<(ProvisionRecordEntry Entry, AcceptedPermit? Permit, RecordAttachment? Attachment)>(database, scope.Node, logger), IRecordWriter
{
    /// <summary>The log size (in pages, 4 KB each) at which this writer checkpoints in its own commit: 32 MB.</summary>
    public const int AutoCheckpointPages = 8_192;

    private readonly string _institution = scope.Code.Value;

    protected override string ChainName => "provision record chain";

    protected override string TailQuery => """SELECT "Sequence", "Hash" FROM "ProvisionRecords" WHERE "Node" = @node ORDER BY "Sequence" DESC LIMIT 1""";

    protected override byte[] Genesis => RecordHasher.Sha256.Genesis;

    public Task<long> AppendAsync(ProvisionRecordEntry entry, AcceptedPermit? acceptedPermit, CancellationToken ct, RecordAttachment? attachment = null) =>
        EnqueueAsync((entry, acceptedPermit, attachment));

    protected override void Claim(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<(ProvisionRecordEntry Entry, AcceptedPermit? Permit, RecordAttachment? Attachment)> items,
        Domain.Errors.DomainException?[] refusals) =>
        Permits.PermitClaims.Claim(Provider, connection, transaction, items.Select(i => i.Permit).ToList(), refusals);

    protected override bool HasAlongside((ProvisionRecordEntry Entry, AcceptedPermit? Permit, RecordAttachment? Attachment) item) =>
        item.Attachment is not null;

    protected override void WriteAlongside(DbConnection connection, DbTransaction transaction,
        (ProvisionRecordEntry Entry, AcceptedPermit? Permit, RecordAttachment? Attachment) item) =>
        attachments.Write(connection, transaction, item.Attachment!);

    protected override void Configure(DbConnection connection)
    {
        // See WalCheckpointer: it copies the log back in the background; this writer finishes the job, and lets
        // the log start over, only when the log reaches this size.
        if (Provider == StorageProvider.Sqlite)
            connection.Execute(null, $"PRAGMA wal_autocheckpoint={AutoCheckpointPages};");
    }

    protected override string InsertSql => """
            INSERT INTO "ProvisionRecords" ("Node", "Sequence", "InstitutionCode", "RecordedAtMs", "Direction", "InquiryId", "PermitId",
                "InquirerInstitution", "ProviderInstitution", "Affair", "Procedure", "InformationName", "LegalBasis", "Outcome", "Reason",
                "InternalAddressNumber", "PreviousHash", "Hash", "PermitExpiresAtMs")
            VALUES (@node, @seq, @inst, @at, @dir, @inq, @permit, @inquirer, @provider, @affair, @proc, @name, @basis, @outcome,
                @reason, @person, @prev, @hash, @permitExpires)
            """;

    protected override byte[] Bind(EntryParameters insert, (ProvisionRecordEntry Entry, AcceptedPermit? Permit, RecordAttachment? Attachment) item,
        long sequence, byte[] previousHash)
    {
        var (e, permit, _) = item;
        // The permit's expiry is part of what the hash covers.
        if (permit is not null) e = e with { PermitExpiresAt = permit.ExpiresAt };
        var hash = RecordHasher.Sha256.Hash(previousHash, sequence, e);
        insert.Set("seq", sequence);
        insert.Set("inst", _institution);
        insert.Set("at", e.RecordedAt.ToUnixTimeMilliseconds());
        insert.Set("dir", (int)e.Direction);
        insert.Set("inq", e.InquiryId);
        insert.Set("permit", e.PermitId);
        insert.Set("inquirer", e.InquirerInstitution);
        insert.Set("provider", e.ProviderInstitution);
        insert.Set("affair", e.Affair);
        insert.Set("proc", e.Procedure);
        insert.Set("name", e.InformationName);
        insert.Set("basis", e.LegalBasis);
        insert.Set("outcome", (int)e.Outcome);
        insert.Set("reason", e.Reason);
        insert.Set("person", e.Person?.Value);
        insert.Set("prev", previousHash);
        insert.Set("hash", hash);
        insert.Set("permitExpires", e.PermitExpiresAt?.ToUnixTimeMilliseconds());
        return hash;
    }
}
