namespace Linkage.Domain.Review;

/// <summary>
/// Held responses as stored. Creating one and deciding one go through the record writer (<see cref="HeldCreated"/>,
/// <see cref="HeldDecided"/>) so that each lands with its record or not at all; this store reads, and makes the
/// changes that have no record of their own.
/// </summary>
public interface IHeldResponseStore
{
    /// <summary>The held response in any state (its answer key only while undecided), or null.</summary>
    Task<HeldResponse?> FindAsync(string permitId, CancellationToken ct);

    Task<HeldPage> ListAsync(HeldFilter filter, string? pageToken, int pageSize, DateTimeOffset now, CancellationToken ct);

    Task<IReadOnlyList<ReviewEntry>> HistoryAsync(string permitId, CancellationToken ct);

    /// <summary>The first of two approvals: Waiting → FirstApproval, with its step; false when no longer waiting.</summary>
    Task<bool> RecordFirstApprovalAsync(ReviewEntry entry, CancellationToken ct);

    /// <summary>Moves an undecided response's deadline; it stops being escalated until then. False when decided or unknown.</summary>
    Task<bool> ExtendDeadlineAsync(ReviewEntry entry, DateTimeOffset deadline, CancellationToken ct);

    /// <summary>Marks undecided responses past their deadline as escalated; returns the ones newly escalated.</summary>
    Task<IReadOnlyList<HeldSummary>> EscalateOverdueAsync(DateTimeOffset now, CancellationToken ct);

    Task<int> CountEscalatedAsync(CancellationToken ct);
}
