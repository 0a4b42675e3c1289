namespace Linkage.Domain.Copies.Batches;

/// <summary>
/// A chunk of a batch as the store will write it (<see cref="ICopyBatchStore.StartChunk"/>). Each copy is prepared
/// (encrypted) as it is added, on the adding thread and so beside the previous chunk's write, and only what the write
/// needs is kept: a copy's items become garbage at once instead of living until the write, long enough for the
/// collector to promote them. Its owner disposes it once it is written, or when it will not be; disposing twice does
/// nothing.
/// </summary>
public abstract class PreparedCopyChunk : IDisposable
{
    public abstract int Count { get; }

    /// <summary>What a rejection of the copy at <paramref name="index"/> names.</summary>
    public abstract (string RecordKey, int Version) this[int index] { get; }

    public abstract void Add(ProvisionCopy copy);

    public abstract void Dispose();
}
