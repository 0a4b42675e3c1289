namespace Linkage.Domain.Symbols;

/// <summary>One row of a batch as it came off the wire, not yet validated.</summary>
public readonly record struct AcquisitionRow(string? InternalAddressNumber, string? AcquisitionNumber);
