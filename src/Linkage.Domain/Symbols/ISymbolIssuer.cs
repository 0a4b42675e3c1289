using Linkage.Domain.Codes;

namespace Linkage.Domain.Symbols;

/// <summary>The hub's side of symbol acquisition: an acquisition number in, this institution's symbol out.</summary>
public interface ISymbolIssuer
{
    Task<Symbol> IssueAsync(AcquisitionNumber acquisitionNumber, CancellationToken ct);

    /// <summary>
    /// Many at once, one answer per number in the same order. A refusal of one number is its answer; only a failure of
    /// the whole exchange (the hub unreachable) throws. Asking again for the same numbers gives the same answers.
    /// </summary>
    Task<IReadOnlyList<IssuedSymbol>> IssueManyAsync(IReadOnlyList<AcquisitionNumber> acquisitionNumbers, CancellationToken ct);
}
