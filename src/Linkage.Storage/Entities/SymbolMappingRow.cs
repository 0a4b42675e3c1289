namespace Linkage.Storage.Entities;

/// <summary>One person's symbol for this institution. Retired people (消除) keep their row but are no longer answered for.</summary>
public sealed class SymbolMappingRow
{
    public long Id { get; set; }
    public required string InstitutionCode { get; set; }
    public required string InternalAddressNumber { get; set; }
    public required string Symbol { get; set; }
    public DateTimeOffset AcquiredAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}
