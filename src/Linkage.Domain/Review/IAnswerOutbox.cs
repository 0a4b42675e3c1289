namespace Linkage.Domain.Review;

/// <summary>Decided answers waiting for the hub's acknowledgement; they survive restarts.</summary>
public interface IAnswerOutbox
{
    /// <summary>Pending deliveries, oldest first.</summary>
    Task<IReadOnlyList<OutgoingAnswer>> PendingAsync(int limit, CancellationToken ct);

    Task MarkDeliveredAsync(string permitId, DateTimeOffset at, CancellationToken ct);

    /// <summary>Counts a failed attempt; <paramref name="park"/> gives up until an administrator retries.</summary>
    Task MarkFailedAsync(string permitId, int attempts, string failure, bool park, DateTimeOffset at, CancellationToken ct);

    /// <summary>A parked delivery back to pending with its attempts reset; false when it is not parked.</summary>
    Task<bool> RetryAsync(string permitId, CancellationToken ct);

    Task<IReadOnlyList<(OutgoingAnswer Answer, DateTimeOffset ParkedAt)>> ParkedAsync(CancellationToken ct);

    Task<int> CountPendingAsync(CancellationToken ct);
}
