using Linkage.Domain.Codes;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Symbols;

/// <summary>Exchanges (internal address number, acquisition number) for our symbol at the hub and stores the mapping.</summary>
public sealed class SymbolAcquisition(ISymbolIssuer issuer, ISymbolStore store, TimeProvider clock)
{
    public const int AcquisitionNumberLength = 16;

    /// <returns>True when the same mapping already existed.</returns>
    public async Task<bool> AcquireAsync(string? internalAddressNumber, string? acquisitionNumber, CancellationToken ct)
    {
        var person = InternalAddressNumber.Parse(internalAddressNumber);
        if (string.IsNullOrEmpty(acquisitionNumber) || acquisitionNumber.Length != AcquisitionNumberLength
            || !acquisitionNumber.All(char.IsAsciiDigit))
            throw DomainException.InvalidField("acquisition_number", ErrorReasons.MalformedCode,
                $"An acquisition number is {AcquisitionNumberLength} digits.");

        var symbol = await issuer.IssueAsync(acquisitionNumber, ct);
        return !await store.AddAsync(person, symbol, clock.GetUtcNow(), ct);
    }
}
