namespace Linkage.Domain.Staff;

/// <param name="IdleTimeout">A session unused this long is signed out (a terminal left alone).</param>
/// <param name="Lifetime">No session lasts longer than this, however busy.</param>
/// <param name="TouchInterval">How stale the stored last-use time may get; after a restart a session may therefore time
/// out up to this much earlier than it would have, never later.</param>
public sealed record SessionSettings(TimeSpan IdleTimeout, TimeSpan Lifetime, TimeSpan TouchInterval)
{
    public static readonly SessionSettings Default = new(TimeSpan.FromMinutes(15), TimeSpan.FromHours(8), TimeSpan.FromSeconds(30));
}
