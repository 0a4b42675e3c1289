using Linkage.Contracts.Network.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Symbols;

namespace Linkage.Network.Client;

public sealed class HubSymbolIssuer(HubConnection hub) : ISymbolIssuer
{
    public async Task<Symbol> IssueAsync(string acquisitionNumber, CancellationToken ct)
    {
        var response = await hub.RepeatableAsync(
            options => hub.Client.IssueSymbolAsync(new IssueSymbolRequest { AcquisitionNumber = acquisitionNumber }, options).ResponseAsync, ct);
        return Symbol.Parse(response.Symbol);
    }
}
