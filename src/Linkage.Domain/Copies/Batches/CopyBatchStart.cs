namespace Linkage.Domain.Copies.Batches;

/// <summary>A batch opened for writing (<see cref="Completed"/> null), or one that was already completed earlier.</summary>
public sealed record CopyBatchStart(long BatchNumber, CopyBatchResult? Completed);
