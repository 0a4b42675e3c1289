using System.ComponentModel.DataAnnotations;

namespace Linkage.Network.Client;

/// <summary>
/// Faults the gateway injects into its own calls to the hub (section "Network:Chaos"), to rehearse failures without a
/// misbehaving hub: off unless a rate is set. Never for production; a gateway started with chaos says so in its log.
/// </summary>
public sealed class HubChaosOptions
{
    /// <summary>Share of calls that fail before they leave, as UNAVAILABLE.</summary>
    [Range(0.0, 1.0)] public double FaultRate { get; set; }

    /// <summary>Share of calls held for <see cref="Latency"/> before they leave.</summary>
    [Range(0.0, 1.0)] public double LatencyRate { get; set; }

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Seeds the draws, so that the same calls in the same order meet the same faults; unset, Polly's own randomness. The
    /// draws are one sequence for every call of the gateway (background ones too), so they replay only when the calls do.
    /// </summary>
    public int? Seed { get; set; }

    public bool Enabled => FaultRate > 0 || LatencyRate > 0;
}
