namespace Linkage.Domain.Symbols;

/// <summary>What may be told about a person's mapping without revealing the symbol.</summary>
public sealed record SymbolMapping(DateTimeOffset AcquiredAt, DateTimeOffset? RetiredAt)
{
    public bool IsRetired => RetiredAt is not null;
}
