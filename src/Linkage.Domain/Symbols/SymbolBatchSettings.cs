namespace Linkage.Domain.Symbols;

/// <summary>
/// How a batch is worked through: rows are gathered into chunks, each chunk is one exchange with the hub and one
/// transaction, and a few chunks are in flight at once so the hub's round trips overlap with the writes.
/// </summary>
public sealed record SymbolBatchSettings(int ChunkSize = 1_000, int Parallelism = 4, int MaxListedFailures = 10_000, long ProgressEvery = 10_000)
{
    public static readonly SymbolBatchSettings Default = new();
}
