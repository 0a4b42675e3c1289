using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Staff;
using Linkage.Storage.Chains;
using Linkage.Storage.Database;
using Microsoft.Extensions.Logging;

namespace Linkage.Storage.Staff;

/// <summary>The only writer of a node's operation log chain (group commit; see <see cref="GroupCommitChainWriter{TItem}"/>).</summary>
public sealed class OperationLogWriter(StorageDatabase database, InstitutionScope scope, ILogger<OperationLogWriter> logger)
    : GroupCommitChainWriter<OperationEntry>(database, scope.Node, logger), IOperationLog
{
    protected override string ChainName => "operation log";

    protected override string TailQuery => """SELECT "Sequence", "Hash" FROM "OperationLog" WHERE "Node" = @node ORDER BY "Sequence" DESC LIMIT 1""";

    protected override byte[] Genesis => OperationHasher.Sha256.Genesis;

    public Task<long> AppendAsync(OperationEntry entry, CancellationToken ct) => EnqueueAsync(entry);

    /// <summary>
    /// SQLite synchronous=NORMAL on this writer's own connection: a commit is in the write-ahead log when it returns, so it
    /// survives a crash of the process; the disk flush follows with the next provision record's commit or checkpoint
    /// (WalCheckpointer, every half second). Waiting for a flush of its own on every staff call cost more than the
    /// staff call's bar allows; see docs/decisions/0007-operation-log-durability.md.
    /// </summary>
    protected override bool SurvivesProcessCrashOnly => true;

    protected override string InsertSql => """
            INSERT INTO "OperationLog" ("Node", "Sequence", "AtMs", "ActorKind", "ActorId", "SessionId", "Rpc", "Target", "Outcome", "Reason", "PreviousHash", "Hash")
            VALUES (@node, @seq, @at, @kind, @actor, @session, @rpc, @target, @outcome, @reason, @prev, @hash)
            """;

    protected override byte[] Bind(EntryParameters insert, OperationEntry e, long sequence, byte[] previousHash)
    {
        var hash = OperationHasher.Sha256.Hash(previousHash, sequence, e);
        insert.Set("seq", sequence);
        insert.Set("at", e.At.ToUnixTimeMilliseconds());
        insert.Set("kind", (int)e.ActorKind);
        insert.Set("actor", e.ActorId);
        insert.Set("session", e.SessionId);
        insert.Set("rpc", e.Rpc);
        insert.Set("target", e.Target);
        insert.Set("outcome", (int)e.Outcome);
        insert.Set("reason", e.Reason);
        insert.Set("prev", previousHash);
        insert.Set("hash", hash);
        return hash;
    }
}
