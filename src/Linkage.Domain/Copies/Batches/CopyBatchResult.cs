namespace Linkage.Domain.Copies.Batches;

/// <summary>
/// The outcome of one batch. Counts are complete; <see cref="Rejections"/> lists at most
/// <see cref="CopyBatchRegistration.MaxReportedRejections"/> so that the answer stays under the message size limit.
/// </summary>
public sealed record CopyBatchResult(
    string BatchId, int Received, int Stored, int Rejected, bool AlreadyProcessed, IReadOnlyList<CopyRejection> Rejections);
