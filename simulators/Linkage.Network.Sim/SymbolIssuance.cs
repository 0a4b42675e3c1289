using System.Collections.Concurrent;
using Grpc.Core;
using Linkage.Contracts.Registry.V1;
using Linkage.Transport;

namespace Linkage.Network.Sim;

/// <summary>
/// Redeems an acquisition number at the registry and derives the caller's symbol. The answer is remembered per
/// (institution, acquisition number) for a while, so a caller that lost the response can ask again and get the same.
/// </summary>
public sealed class SymbolIssuance(RegistryClient registry, SymbolDerivation symbols, TimeProvider clock)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<(string, string), (string Symbol, DateTimeOffset Until)> _answered = new();

    public async Task<string> IssueAsync(string institutionCode, string acquisitionNumber, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_answered.TryGetValue((institutionCode, acquisitionNumber), out var earlier) && earlier.Until > now)
            return earlier.Symbol;

        RedeemAcquisitionNumberResponse redeemed;
        try
        {
            redeemed = await registry.Client.RedeemAcquisitionNumberAsync(
                new RedeemAcquisitionNumberRequest { AcquisitionNumber = acquisitionNumber },
                deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: ct);
        }
        catch (RpcException error) when (error.StatusCode != StatusCode.Cancelled)
        {
            throw DomainStatus.ToDomainException(error);
        }
        var symbol = symbols.SymbolFor(institutionCode, redeemed.ResidentCode);
        _answered[(institutionCode, acquisitionNumber)] = (symbol, now + Remember);
        if (_answered.Count > 1_000_000) Sweep(now);
        return symbol;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, value) in _answered)
            if (value.Until <= now) _answered.TryRemove(key, out _);
    }
}
