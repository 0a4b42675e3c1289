using Linkage.Domain.Codes;

namespace Linkage.Domain.Records;

public interface IRecordReader
{
    Task<IReadOnlyList<StoredRecord>> ListAsync(long afterSequence, int pageSize, CancellationToken ct);

    Task<IReadOnlyList<StoredRecord>> ListForPersonAsync(InternalAddressNumber person, CancellationToken ct);

    /// <summary>Every record in sequence order, for verification of the chain.</summary>
    IAsyncEnumerable<StoredRecord> ReadAllAsync(CancellationToken ct);

    Task<long> CountAsync(CancellationToken ct);
}
