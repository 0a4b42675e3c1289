namespace Linkage.Domain.Permits;

/// <summary>
/// Accepts each permit id once. <see cref="TryReserve"/> is atomic across concurrent calls; the reservation is made
/// durable together with the provision record, and survives a restart until the permit expires.
/// </summary>
public interface IPermitReplayGuard
{
    bool TryReserve(string permitId, DateTimeOffset expiresAt);

    /// <summary>Gives a reservation back when its answer never left (the record could not be written).</summary>
    void Release(string permitId);
}
