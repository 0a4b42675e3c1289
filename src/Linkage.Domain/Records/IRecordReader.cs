using Linkage.Domain.Chains;
using Linkage.Domain.Codes;

namespace Linkage.Domain.Records;

/// <summary>The provision records of every gateway node of the institution; each link says whose chain it is in (<see cref="ChainLink{TEntry}.Node"/>).</summary>
public interface IRecordReader
{
    /// <summary>A page of the records of every node, in order of node and then sequence.</summary>
    /// <param name="after">The position of the last record of the previous page; null for the first page.</param>
    /// <param name="informationNames">Only records of these information names; empty for all.</param>
    Task<IReadOnlyList<ChainLink<ProvisionRecordEntry>>> ListAsync(ChainPosition? after, int pageSize,
        IReadOnlyCollection<string> informationNames, CancellationToken ct);

    /// <summary>One person's records on every node, in the order they were recorded.</summary>
    /// <param name="informationNames">Only records of these information names; empty for all.</param>
    /// <param name="from">Recorded at or after; null: from the first.</param>
    /// <param name="before">Recorded before; null: up to now.</param>
    Task<IReadOnlyList<ChainLink<ProvisionRecordEntry>>> ListForPersonAsync(InternalAddressNumber person,
        IReadOnlyCollection<string> informationNames, CancellationToken ct, DateTimeOffset? from = null, DateTimeOffset? before = null);

    /// <summary>Every record of <paramref name="node"/>'s chain in sequence order, for verification of the chain.</summary>
    IAsyncEnumerable<ChainLink<ProvisionRecordEntry>> ReadAllAsync(string node, CancellationToken ct);

    /// <summary>The records of every node.</summary>
    Task<long> CountAsync(CancellationToken ct);
}
