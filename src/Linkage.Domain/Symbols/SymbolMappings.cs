using Linkage.Domain.Codes;

namespace Linkage.Domain.Symbols;

/// <summary>Look-up and retirement (消除) of mappings for the address system; the symbol itself is never handed out.</summary>
public sealed class SymbolMappings(ISymbolStore store, TimeProvider clock)
{
    /// <summary>The mapping of a person, or null when no symbol was ever acquired.</summary>
    public Task<SymbolMapping?> GetAsync(string? internalAddressNumber, CancellationToken ct) =>
        store.GetMappingAsync(InternalAddressNumber.Parse(internalAddressNumber), ct);

    /// <summary>Retires a person: the mapping stays for history, but the person is no longer answered or inquired for.</summary>
    /// <returns>The mapping after retirement, and whether it had been retired before.</returns>
    public async Task<(SymbolMapping Mapping, bool AlreadyRetired)> RetireAsync(string? internalAddressNumber, CancellationToken ct)
    {
        var person = InternalAddressNumber.Parse(internalAddressNumber);
        var before = await store.GetMappingAsync(person, ct) ?? throw Refusals.NotAcquired();
        if (before.IsRetired) return (before, true);
        var after = await store.RetireAsync(person, clock.GetUtcNow(), ct) ?? throw Refusals.NotAcquired();
        return (after, false);
    }
}
