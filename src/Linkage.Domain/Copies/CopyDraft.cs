namespace Linkage.Domain.Copies;

/// <summary>A copy as received from the back office, before validation: every field as text.</summary>
public sealed record CopyDraft(
    string? InternalAddressNumber,
    string? InformationNameCode,
    string? RecordKey,
    int Version,
    string? ValidFrom,
    string? ValidTo,
    IReadOnlyList<(string? ItemCode, string? Value)> Items);
