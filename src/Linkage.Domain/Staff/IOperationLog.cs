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

public interface IOperationLogReader
{
    Task<IReadOnlyList<ChainLink<OperationEntry>>> ListAsync(OperationFilter filter, long afterSequence, int pageSize, CancellationToken ct);

    /// <summary>Every entry in sequence order, for verification of the chain.</summary>
    IAsyncEnumerable<ChainLink<OperationEntry>> ReadAllAsync(CancellationToken ct);

    Task<long> CountAsync(CancellationToken ct);
}
