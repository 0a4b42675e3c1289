using Linkage.Domain.Chains;
using Linkage.Domain.Codes;

namespace Linkage.Domain.Records;

public interface IRecordReader
{
    /// <param name="informationNames">Only records of these information names; empty for all.</param>
    Task<IReadOnlyList<ChainLink<ProvisionRecordEntry>>> ListAsync(long afterSequence, int pageSize,
        IReadOnlyCollection<string> informationNames, CancellationToken ct);

    /// <param name="informationNames">Only records of these information names; empty for all.</param>
    /// <param name="from">Recorded at or after; null: from the first.</param>
    /// <param name="before">Recorded before; null: up to now.</param>
    Task<IReadOnlyList<ChainLink<ProvisionRecordEntry>>> ListForPersonAsync(InternalAddressNumber person,
        IReadOnlyCollection<string> informationNames, CancellationToken ct, DateTimeOffset? from = null, DateTimeOffset? before = null);

    /// <summary>Every record in sequence order, for verification of the chain.</summary>
    IAsyncEnumerable<ChainLink<ProvisionRecordEntry>> ReadAllAsync(CancellationToken ct);

    Task<long> CountAsync(CancellationToken ct);
}
