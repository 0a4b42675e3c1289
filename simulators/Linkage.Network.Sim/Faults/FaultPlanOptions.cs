using System.ComponentModel.DataAnnotations;

namespace Linkage.Network.Sim.Faults;

/// <summary>
/// How the hub misbehaves on purpose (section "Hub:Faults"): the share of relayed messages it drops, duplicates, delays,
/// reorders or breaks off, and the seed that decides which ones. Every rate is 0 by default: the hub then behaves.
/// </summary>
public sealed class FaultPlanOptions : IValidatableObject
{
    /// <summary>The seed of every decision: the same seed and the same messages give the same faults.</summary>
    public long Seed { get; set; }

    /// <summary>Lost: the hub goes silent (before or after passing it on) until the caller gives up or <see cref="DropHold"/> passes.</summary>
    [Range(0.0, 1.0)] public double Drop { get; set; }

    /// <summary>Passed on twice, one after the other; the caller gets the first reply.</summary>
    [Range(0.0, 1.0)] public double Duplicate { get; set; }

    /// <summary>Held up to <see cref="MaxDelay"/> on the way there or on the way back.</summary>
    [Range(0.0, 1.0)] public double Delay { get; set; }

    /// <summary>Held until a later message of the same kind has gone past it, or <see cref="ReorderWindow"/> passes.</summary>
    [Range(0.0, 1.0)] public double Reorder { get; set; }

    /// <summary>The call's stream is reset, before or after passing it on: the caller sees its connection fail.</summary>
    [Range(0.0, 1.0)] public double Disconnect { get; set; }

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan ReorderWindow { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// How long a dropped message leaves its caller without a reply before the hub ends the call as a transport would
    /// that lost its peer (UNAVAILABLE); a caller whose deadline is shorter sees its deadline pass instead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan DropHold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The kinds of message that may be hit (<see cref="FaultStage"/> names); all of them when empty.</summary>
    public List<FaultStage> Stages { get; set; } = [];

    /// <summary>The share of messages hit by any fault.</summary>
    public double Total => Drop + Duplicate + Delay + Reorder + Disconnect;

    public bool Enabled => Total > 0;

    public bool Covers(FaultStage stage) => Stages.Count == 0 || Stages.Contains(stage);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Total > 1.0 + 1e-9)
            yield return new ValidationResult($"The fault rates of Hub:Faults add up to {Total:0.###}; at most 1.", [nameof(Total)]);
    }
}
