namespace Linkage.Domain.Copies.Batches;

/// <summary>
/// What one bulk registration may take of the gateway. A stream past <see cref="CopiesPerStream"/> or past the
/// duplicate check's <see cref="DuplicateCheckBytes"/> is refused at that point (RESOURCE_EXHAUSTED) and its batch
/// discarded; a caller already running <see cref="ConcurrentBatchesPerCaller"/> batches is refused before anything
/// of its next stream is read.
/// </summary>
/// <param name="CopiesPerStream">Messages one stream may carry, rejected ones included.</param>
/// <param name="ConcurrentBatchesPerCaller">Streams one caller may have open at once.</param>
/// <param name="DuplicateCheckBytes">The most memory one batch's duplicate check may hold (<see cref="RecordFingerprints"/>).</param>
public sealed record CopyBatchLimits(int CopiesPerStream, int ConcurrentBatchesPerCaller, long DuplicateCheckBytes)
{
    /// <summary>
    /// Two million copies (a city of a million with two screenings each; the bulk benchmark's million twice over), two
    /// streams per system, and 64 MiB of duplicate check, which holds 3.1 million records: the copy bound binds first.
    /// </summary>
    public static CopyBatchLimits Default { get; } = new(2_000_000, 2, 64L * 1024 * 1024);
}
