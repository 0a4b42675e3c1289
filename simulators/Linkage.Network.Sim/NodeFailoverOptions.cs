using System.ComponentModel.DataAnnotations;

namespace Linkage.Network.Sim;

/// <summary>
/// How the relay treats an institution's gateway nodes (section "Hub:Failover"): how long connecting to one may take
/// before the next is tried, and when a node that keeps failing is left alone for a while (a circuit breaker per node).
/// </summary>
public sealed class NodeFailoverOptions
{
    /// <summary>
    /// Connecting to a node (TCP and TLS) longer than this counts as the node not taking the call: nothing was sent to
    /// it yet, so the next node may be tried. Shorter than <see cref="HubOptions.RelayTimeout"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:01:00")] public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of failed calls to one node within <see cref="SamplingDuration"/> that opens its circuit.</summary>
    [Range(0.01, 1.0)] public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls to one node within <see cref="SamplingDuration"/> before its failures may open the circuit.</summary>
    [Range(2, 10_000)] public int MinimumThroughput { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:00.5", "00:10:00")] public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an open circuit skips its node before one call probes it again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "00:10:00")] public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
