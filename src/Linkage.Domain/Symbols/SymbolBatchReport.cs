namespace Linkage.Domain.Symbols;

/// <summary>The outcome of a batch: complete counts, and the first failures by position.</summary>
public sealed record SymbolBatchReport(
    SymbolBatchCounts Counts, IReadOnlyList<AcquisitionFailure> Failures, long FailuresOmitted);

/// <summary>Counts of a batch so far. Contains no personal data, so it may be logged.</summary>
public sealed record SymbolBatchCounts(long Received, long Acquired, long AlreadyAcquired, long Failed,
    IReadOnlyDictionary<string, long> FailuresByReason);
