using Linkage.Domain.Codes;

namespace Linkage.Domain.Symbols;

/// <summary>The mapping between our internal address numbers and our symbols, unique both ways.</summary>
public interface ISymbolStore
{
    /// <summary>The person a symbol stands for, unless unknown or retired (消除).</summary>
    Task<InternalAddressNumber?> FindPersonAsync(Symbol symbol, CancellationToken ct);

    /// <summary>The symbol of an active person, or null when none was acquired or the person is retired.</summary>
    Task<Symbol?> FindSymbolAsync(InternalAddressNumber person, CancellationToken ct);

    /// <summary>The person's mapping, retired or not, or null when no symbol was ever acquired.</summary>
    Task<SymbolMapping?> GetMappingAsync(InternalAddressNumber person, CancellationToken ct);

    /// <summary>
    /// Stores mappings in one transaction and returns one outcome per mapping, in order. Conflicting and retired
    /// entries are left out and reported; the rest are stored together or, on failure, not at all.
    /// </summary>
    Task<IReadOnlyList<MappingOutcome>> AddManyAsync(
        IReadOnlyList<(InternalAddressNumber Person, Symbol Symbol)> mappings, DateTimeOffset acquiredAt, CancellationToken ct);

    /// <summary>Marks the person as left; returns the mapping as it is now. Null when no symbol was ever acquired.</summary>
    Task<SymbolMapping?> RetireAsync(InternalAddressNumber person, DateTimeOffset retiredAt, CancellationToken ct);

    Task<long> CountAsync(CancellationToken ct);
}
