namespace Linkage.Domain.Symbols;

/// <summary>What storing one (person, symbol) mapping did.</summary>
public enum MappingOutcome
{
    /// <summary>A new mapping was stored.</summary>
    Added,

    /// <summary>The same mapping existed: nothing changed (re-acquisition is idempotent).</summary>
    AlreadyExisted,

    /// <summary>The person or the symbol is mapped differently: refused, the existing mapping kept.</summary>
    Conflict,

    /// <summary>The person left (消除): the kept history is not reopened.</summary>
    Retired,
}
