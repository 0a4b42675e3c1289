using Linkage.Domain.Codes;

namespace Linkage.Domain.Symbols;

/// <summary>Exchanges (internal address number, acquisition number) for our symbol at the hub and stores the mapping.</summary>
public sealed class SymbolAcquisition(ISymbolIssuer issuer, ISymbolStore store, TimeProvider clock)
{
    /// <returns>True when the same mapping already existed.</returns>
    public async Task<bool> AcquireAsync(string? internalAddressNumber, string? acquisitionNumber, CancellationToken ct)
    {
        var person = InternalAddressNumber.Parse(internalAddressNumber);
        var number = AcquisitionNumber.Parse(acquisitionNumber);
        // Checked before the hub is asked, so that a refused request does not use up the one-time number.
        if ((await store.GetMappingAsync(person, ct))?.IsRetired == true) throw Refusals.Retired();

        var symbol = await issuer.IssueAsync(number, ct);
        var outcome = (await store.AddManyAsync([(person, symbol)], clock.GetUtcNow(), ct))[0];
        return outcome switch
        {
            MappingOutcome.Added => false,
            MappingOutcome.AlreadyExisted => true,
            MappingOutcome.Retired => throw Refusals.Retired(),
            _ => throw Refusals.Conflict(),
        };
    }
}
