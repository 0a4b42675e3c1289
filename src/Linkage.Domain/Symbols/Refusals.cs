using Linkage.Domain.Errors;

namespace Linkage.Domain.Symbols;

/// <summary>The refusals of symbol management, worded once so that single and batch acquisition say the same.</summary>
public static class Refusals
{
    public static DomainException Conflict() => new(ErrorKind.AlreadyExists, ErrorReasons.SymbolConflict,
        "The person or the symbol is already mapped differently; the existing mapping was kept.");

    public static DomainException Retired() => new(ErrorKind.FailedPrecondition, ErrorReasons.PersonRetired,
        "The person has left (消除); the mapping is kept for history and is no longer acquired or answered for.");

    public static DomainException NotAcquired() => new(ErrorKind.NotFound, ErrorReasons.SymbolNotAcquired,
        "No symbol has been acquired for this person.");
}
