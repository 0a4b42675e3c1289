namespace Linkage.Domain.Copies.Batches;

/// <summary>What the store did with one copy of a chunk.</summary>
public enum CopyWriteOutcome
{
    Stored,
    /// <summary>An earlier, interrupted attempt of the same batch already wrote this copy.</summary>
    AlreadyStored,
    /// <summary>The version is not exactly one past the record's latest version.</summary>
    VersionConflict,
}
