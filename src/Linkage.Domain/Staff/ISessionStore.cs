namespace Linkage.Domain.Staff;

/// <summary>Sessions as stored, so that they survive a restart of the gateway.</summary>
public interface ISessionStore
{
    Task AddAsync(StaffSession session, CancellationToken ct);

    Task<StaffSession?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken ct);

    Task TouchAsync(string sessionId, DateTimeOffset lastSeenAt, CancellationToken ct);

    /// <returns>Whether the session was still open (so that only one caller logs its end).</returns>
    Task<bool> EndAsync(string sessionId, DateTimeOffset at, SessionEnd reason, CancellationToken ct);

    Task<IReadOnlyList<StaffSession>> ListOpenAsync(CancellationToken ct);
}
