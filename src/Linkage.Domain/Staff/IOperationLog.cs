using Linkage.Domain.Chains;

namespace Linkage.Domain.Staff;

/// <summary>
/// The operation log: append-only and hash-chained like the provision records. An append completes once durable
/// (group commit), so an answered staff call is never missing from the log after a crash.
/// </summary>
public interface IOperationLog
{
    Task<long> AppendAsync(OperationEntry entry, CancellationToken ct);
}

/// <summary>Which entries an auditor asks for; unset filters match everything.</summary>
public sealed record OperationFilter(string? ActorId, DateTimeOffset? From, DateTimeOffset? To, string? Rpc);

/// <summary>The operation log of every gateway node of the institution; each link says whose chain it is in.</summary>
public interface IOperationLogReader
{
    /// <summary>A page of the entries of every node, in order of node and then sequence.</summary>
    /// <param name="after">The position of the last entry of the previous page; null for the first page.</param>
    Task<IReadOnlyList<ChainLink<OperationEntry>>> ListAsync(OperationFilter filter, ChainPosition? after, int pageSize, CancellationToken ct);

    /// <summary>Every entry of <paramref name="node"/>'s chain in sequence order, for verification of the chain.</summary>
    IAsyncEnumerable<ChainLink<OperationEntry>> ReadAllAsync(string node, CancellationToken ct);

    /// <summary>The entries of every node.</summary>
    Task<long> CountAsync(CancellationToken ct);
}
