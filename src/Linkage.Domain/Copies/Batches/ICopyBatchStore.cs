namespace Linkage.Domain.Copies.Batches;

/// <summary>
/// The bulk side of the copy database (port; implemented in Storage). A batch is written in chunks, but its rows stay
/// invisible to look-ups until <see cref="CompleteAsync"/> marks the batch complete, so a broken stream leaves nothing
/// half-visible, and a resend with the same batch id recognises the rows it already wrote.
/// </summary>
public interface ICopyBatchStore
{
    /// <summary>Opens (or resumes) the batch; returns its stored result instead when it was completed before.</summary>
    Task<CopyBatchStart> BeginAsync(string batchId, CancellationToken ct);

    /// <summary>An empty chunk to add copies to; each is prepared (encrypted) on the calling thread as it is added.</summary>
    PreparedCopyChunk StartChunk(int capacity);

    /// <summary>Writes one prepared chunk durably and returns one outcome per copy, in order.</summary>
    Task<IReadOnlyList<CopyWriteOutcome>> WriteAsync(long batchNumber, PreparedCopyChunk chunk, CancellationToken ct);

    /// <summary>Prepares and writes one chunk.</summary>
    async Task<IReadOnlyList<CopyWriteOutcome>> WriteAsync(long batchNumber, IReadOnlyList<ProvisionCopy> copies, CancellationToken ct)
    {
        using var chunk = StartChunk(copies.Count);
        foreach (var copy in copies) chunk.Add(copy);
        return await WriteAsync(batchNumber, chunk, ct);
    }

    /// <summary>Makes every row of the batch visible and stores its result, in one transaction.</summary>
    Task CompleteAsync(long batchNumber, CopyBatchResult result, CancellationToken ct);

    /// <summary>Deletes one batch that did not complete, with its invisible rows: it was refused, and a resend starts afresh.</summary>
    Task DiscardAsync(long batchNumber, CancellationToken ct);

    /// <summary>
    /// Deletes batches started before <paramref name="startedBefore"/> that never completed, with their invisible rows:
    /// they would otherwise hold their record versions forever. Returns how many batches were removed.
    /// </summary>
    Task<int> DiscardAbandonedAsync(DateTimeOffset startedBefore, CancellationToken ct);
}
