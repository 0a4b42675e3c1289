using Linkage.Domain.Codes;

namespace Linkage.Domain.Symbols;

/// <summary>The hub's answer for one acquisition number: the symbol, or the reason it was refused.</summary>
public sealed record IssuedSymbol(Symbol? Symbol, string? Reason = null, string? Description = null)
{
    public static IssuedSymbol Refused(string reason, string description) => new(null, reason, description);
}
