using Linkage.Contracts.Network.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Symbols;
using IssuedSymbol = Linkage.Domain.Symbols.IssuedSymbol;

namespace Linkage.Network.Client;

/// <summary>
/// Symbols from the hub. Both calls are repeatable: the hub remembers its answer per acquisition number, so a retry
/// after a lost response gets the same symbol instead of ACQUISITION_NUMBER_USED.
/// </summary>
public sealed class HubSymbolIssuer(HubConnection hub) : ISymbolIssuer
{
    public async Task<Symbol> IssueAsync(AcquisitionNumber acquisitionNumber, CancellationToken ct)
    {
        var response = await hub.RepeatableAsync(
            options => hub.Client.IssueSymbolAsync(new IssueSymbolRequest { AcquisitionNumber = acquisitionNumber.Value }, options).ResponseAsync, ct);
        return Symbol.Parse(response.Symbol);
    }

    public async Task<IReadOnlyList<IssuedSymbol>> IssueManyAsync(IReadOnlyList<AcquisitionNumber> acquisitionNumbers, CancellationToken ct)
    {
        var request = new IssueSymbolsRequest();
        request.AcquisitionNumbers.AddRange(acquisitionNumbers.Select(n => n.Value));
        var response = await hub.RepeatableAsync(options => hub.Client.IssueSymbolsAsync(request, options).ResponseAsync, ct);
        if (response.Results.Count != acquisitionNumbers.Count)
            throw new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable, "The hub answered a different number of acquisitions than asked.");
        return response.Results.Select(ToIssued).ToList();
    }

    private static IssuedSymbol ToIssued(Contracts.Network.V1.IssuedSymbol answer)
    {
        if (answer.Symbol.Length == 0)
            return IssuedSymbol.Refused(answer.Reason.Length > 0 ? answer.Reason : ErrorReasons.Internal, answer.Description);
        try
        {
            return new IssuedSymbol(Symbol.Parse(answer.Symbol));
        }
        catch (DomainException malformed)
        {
            return IssuedSymbol.Refused(malformed.Reason, "The hub issued a malformed symbol.");
        }
    }
}
