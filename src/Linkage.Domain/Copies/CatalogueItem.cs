namespace Linkage.Domain.Copies;

/// <summary>One screening item of the standard item table, keyed by its 17-character JLAC10 code.</summary>
public sealed record CatalogueItem(
    string ItemCode,
    string Name,
    ItemType Type,
    int MaxBytes,
    string? CodeSystem,
    int ReportCategory,
    int Stage);
