using Linkage.Domain.Codes;

namespace Linkage.Domain.Symbols;

/// <summary>The mapping between our internal address numbers and our symbols, unique both ways.</summary>
public interface ISymbolStore
{
    /// <summary>The person a symbol stands for, unless unknown or retired (消除).</summary>
    Task<InternalAddressNumber?> FindPersonAsync(Symbol symbol, CancellationToken ct);

    /// <summary>The symbol of an active person, or null when none was acquired or the person is retired.</summary>
    Task<Symbol?> FindSymbolAsync(InternalAddressNumber person, CancellationToken ct);

    Task<DateTimeOffset?> AcquiredAtAsync(InternalAddressNumber person, CancellationToken ct);

    /// <summary>Stores a mapping. Returns false when the same mapping exists; throws <c>SYMBOL_CONFLICT</c> when another does.</summary>
    Task<bool> AddAsync(InternalAddressNumber person, Symbol symbol, DateTimeOffset acquiredAt, CancellationToken ct);

    Task<long> CountAsync(CancellationToken ct);
}
