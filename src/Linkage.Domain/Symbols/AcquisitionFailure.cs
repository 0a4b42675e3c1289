namespace Linkage.Domain.Symbols;

/// <summary>A row of a batch that was not stored: its 0-based position in the stream and why, without its values.</summary>
public sealed record AcquisitionFailure(long Position, string Reason, string Description);
