using Linkage.Domain.Codes;

namespace Linkage.Domain.Symbols;

/// <summary>The hub's side of symbol acquisition: an acquisition number in, this institution's symbol out.</summary>
public interface ISymbolIssuer
{
    Task<Symbol> IssueAsync(string acquisitionNumber, CancellationToken ct);
}
