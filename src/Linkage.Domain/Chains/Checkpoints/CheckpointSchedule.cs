namespace Linkage.Domain.Chains.Checkpoints;

/// <summary>When a chain is sealed: after <paramref name="Every"/> new entries or <paramref name="Interval"/> after the last seal, whichever comes first.</summary>
public sealed record CheckpointSchedule(int Every, TimeSpan Interval)
{
    public static readonly CheckpointSchedule Default = new(1_000, TimeSpan.FromSeconds(60));

    /// <param name="lastSealedAt">null when the chain was never sealed.</param>
    public bool IsDue(long newEntries, DateTimeOffset? lastSealedAt, DateTimeOffset now) =>
        newEntries > 0 && (newEntries >= Every || lastSealedAt is null || now - lastSealedAt.Value >= Interval);
}
