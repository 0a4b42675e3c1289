namespace Linkage.Storage.Entities;

/// <summary>An operation log entry as stored: append-only, linked to its predecessor by <see cref="PreviousHash"/>.</summary>
public sealed class OperationLogRow
{
    /// <summary>The gateway node whose chain this is: each node writes its own, numbered from 1.</summary>
    public required string Node { get; set; }
    public long Sequence { get; set; }
    public long AtMs { get; set; }
    public int ActorKind { get; set; }
    public required string ActorId { get; set; }
    public required string SessionId { get; set; }
    public required string Rpc { get; set; }
    public required string Target { get; set; }
    public int Outcome { get; set; }
    public required string Reason { get; set; }
    public required byte[] PreviousHash { get; set; }
    public required byte[] Hash { get; set; }
}
