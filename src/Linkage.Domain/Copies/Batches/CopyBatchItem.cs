namespace Linkage.Domain.Copies.Batches;

/// <summary>One message of a batch stream: the batch id it claims to belong to, and the copy.</summary>
public sealed record CopyBatchItem(string? BatchId, CopyDraft Draft);
