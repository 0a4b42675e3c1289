namespace Linkage.Storage.Entities;

/// <summary>
/// One bulk registration, by the batch id the back office chose. Its copies carry <see cref="Number"/> and are
/// invisible to look-ups until <see cref="IsComplete"/>; <see cref="ResultJson"/> answers a resend of the same id.
/// <see cref="FirstCopyId"/>..<see cref="LastCopyId"/> bound the batch's rows so completion scans only them.
/// </summary>
public sealed class CopyBatchRow
{
    public long Number { get; set; }
    public required string InstitutionCode { get; set; }
    public required string BatchId { get; set; }
    public bool IsComplete { get; set; }
    public long? FirstCopyId { get; set; }
    public long? LastCopyId { get; set; }
    public int Received { get; set; }
    public int Stored { get; set; }
    public int Rejected { get; set; }
    public string? ResultJson { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
