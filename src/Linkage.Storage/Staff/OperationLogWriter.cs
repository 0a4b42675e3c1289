using Linkage.Crypto;
using Linkage.Domain.Staff;
using Linkage.Storage.Chains;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Linkage.Storage.Staff;

/// <summary>The only writer of the operation log chain (group commit; see <see cref="GroupCommitChainWriter{TItem}"/>).</summary>
public sealed class OperationLogWriter(string connectionString, ILogger<OperationLogWriter> logger)
    : GroupCommitChainWriter<OperationEntry>(connectionString, logger), IOperationLog
{
    private static readonly string[] Parameters = ["$seq", "$at", "$kind", "$actor", "$session", "$rpc", "$target", "$outcome", "$reason", "$prev", "$hash"];

    private Dictionary<string, SqliteParameter> _p = [];

    protected override string ChainName => "operation log";

    protected override string TailQuery => "SELECT Sequence, Hash FROM OperationLog ORDER BY Sequence DESC LIMIT 1";

    protected override byte[] Genesis => OperationHasher.Sha256.Genesis;

    public Task<long> AppendAsync(OperationEntry entry, CancellationToken ct) => EnqueueAsync(entry);

    /// <summary>
    /// synchronous=NORMAL on this writer's own connection: a commit is in the write-ahead log when it returns, so it
    /// survives a crash of the process; the disk flush follows with the next provision record's commit or checkpoint
    /// (WalCheckpointer, every half second). Waiting for a flush of its own on every staff call cost more than the
    /// staff call's bar allows; see docs/decisions/0007-operation-log-durability.md.
    /// </summary>
    protected override void Configure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }

    protected override SqliteCommand PrepareInsert(SqliteConnection connection)
    {
        var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO OperationLog (Sequence, AtMs, ActorKind, ActorId, SessionId, Rpc, Target, Outcome, Reason, PreviousHash, Hash)
            VALUES ($seq, $at, $kind, $actor, $session, $rpc, $target, $outcome, $reason, $prev, $hash)
            """;
        _p = Parameters.ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter { ParameterName = n }));
        return insert;
    }

    protected override byte[] Bind(SqliteCommand insert, OperationEntry e, long sequence, byte[] previousHash)
    {
        var hash = OperationHasher.Sha256.Hash(previousHash, sequence, e);
        _p["$seq"].Value = sequence;
        _p["$at"].Value = e.At.ToUnixTimeMilliseconds();
        _p["$kind"].Value = (int)e.ActorKind;
        _p["$actor"].Value = e.ActorId;
        _p["$session"].Value = e.SessionId;
        _p["$rpc"].Value = e.Rpc;
        _p["$target"].Value = e.Target;
        _p["$outcome"].Value = (int)e.Outcome;
        _p["$reason"].Value = e.Reason;
        _p["$prev"].Value = previousHash;
        _p["$hash"].Value = hash;
        return hash;
    }
}
