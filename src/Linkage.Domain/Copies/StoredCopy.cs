namespace Linkage.Domain.Copies;

/// <summary>The latest version of one record as stored: the copy, or its tombstone when it was deleted.</summary>
public sealed record StoredCopy(ProvisionCopy Copy, bool IsDeleted);
