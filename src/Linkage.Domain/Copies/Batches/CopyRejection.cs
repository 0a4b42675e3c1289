namespace Linkage.Domain.Copies.Batches;

/// <summary>One copy of a batch that was not stored: its 0-based position in the stream, the field and the reason.</summary>
public sealed record CopyRejection(int Position, string RecordKey, string Field, string Reason, string Description);
