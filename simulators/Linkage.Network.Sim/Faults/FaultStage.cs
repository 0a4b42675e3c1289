namespace Linkage.Network.Sim.Faults;

/// <summary>The messages through the hub that a fault plan may hit: each carries the inquiry it belongs to.</summary>
public enum FaultStage
{
    /// <summary>An inquirer's permit request, and the permit back.</summary>
    RequestPermit,

    /// <summary>An inquiry relayed to its provider, and the provider's answer back.</summary>
    RelayInquiry,

    /// <summary>A held answer decided later, relayed to its inquirer, and the inquirer's receipt back.</summary>
    RelayAnswer,
}
