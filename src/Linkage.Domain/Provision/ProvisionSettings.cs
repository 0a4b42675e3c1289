namespace Linkage.Domain.Provision;

/// <param name="MaxClockSkew">How far our clock and the hub's may differ when a permit's time window is checked.</param>
/// <param name="ReviewWindow">How long staff have to decide a held answer before it is escalated.</param>
public sealed record ProvisionSettings(TimeSpan MaxClockSkew, TimeSpan ReviewWindow);
