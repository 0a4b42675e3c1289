using System.Collections.Concurrent;
using Grpc.Core;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.Registry.V1;
using Linkage.Domain.Errors;
using Linkage.Transport;

namespace Linkage.Network.Sim;

/// <summary>
/// Redeems an acquisition number at the registry and derives the caller's symbol. The answer is remembered per
/// (institution, acquisition number) for a while, so a caller that lost the response can ask again and get the same.
/// </summary>
public sealed class SymbolIssuance(RegistryClient registry, SymbolDerivation symbols, TimeProvider clock)
{
    /// <summary>The most acquisition numbers one bulk call may carry.</summary>
    public const int MaxBatch = 5_000;

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
        Keep(institutionCode, acquisitionNumber, symbol, now);
        return symbol;
    }

    /// <summary>
    /// The bulk form: one registry call for the numbers not answered before, one key schedule for the derivation.
    /// Each number gets its own answer, in order; a refusal of one never affects the others.
    /// </summary>
    public async Task<IssueSymbolsResponse> IssueManyAsync(string institutionCode, IReadOnlyList<string> acquisitionNumbers, CancellationToken ct)
    {
        if (acquisitionNumbers.Count > MaxBatch)
            throw DomainException.InvalidField("acquisition_numbers", ErrorReasons.InvalidArgument, $"At most {MaxBatch} acquisition numbers per call.");
        var now = clock.GetUtcNow();
        var results = new IssuedSymbol[acquisitionNumbers.Count];
        var pending = new List<int>();
        for (var i = 0; i < results.Length; i++)
        {
            if (_answered.TryGetValue((institutionCode, acquisitionNumbers[i]), out var earlier) && earlier.Until > now)
                results[i] = new IssuedSymbol { Symbol = earlier.Symbol };
            else
                pending.Add(i);
        }

        if (pending.Count > 0)
        {
            var request = new RedeemAcquisitionNumbersRequest();
            request.AcquisitionNumbers.AddRange(pending.Select(i => acquisitionNumbers[i]));
            RedeemAcquisitionNumbersResponse redeemed;
            try
            {
                redeemed = await registry.Client.RedeemAcquisitionNumbersAsync(request, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: ct);
            }
            catch (RpcException error) when (error.StatusCode != StatusCode.Cancelled)
            {
                throw DomainStatus.ToDomainException(error);
            }
            var roots = redeemed.Results.Where(r => r.ResidentCode.Length > 0).Select(r => r.ResidentCode).ToList();
            var derived = symbols.SymbolsFor(institutionCode, roots);
            var next = 0;
            for (var k = 0; k < pending.Count; k++)
            {
                var answer = redeemed.Results[k];
                var i = pending[k];
                if (answer.ResidentCode.Length == 0)
                {
                    results[i] = new IssuedSymbol { Reason = answer.Reason, Description = answer.Description };
                    continue;
                }
                var symbol = derived[next++];
                Keep(institutionCode, acquisitionNumbers[i], symbol, now);
                results[i] = new IssuedSymbol { Symbol = symbol };
            }
        }
        return new IssueSymbolsResponse { Results = { results } };
    }

    private void Keep(string institutionCode, string acquisitionNumber, string symbol, DateTimeOffset now)
    {
        _answered[(institutionCode, acquisitionNumber)] = (symbol, now + Remember);
        if (_answered.Count > 1_000_000) Sweep(now);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, value) in _answered)
            if (value.Until <= now) _answered.TryRemove(key, out _);
    }
}
