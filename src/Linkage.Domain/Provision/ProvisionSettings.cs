namespace Linkage.Domain.Provision;

/// <param name="MaxClockSkew">How far our clock and the hub's may differ when a permit's time window is checked.</param>
public sealed record ProvisionSettings(TimeSpan MaxClockSkew);
