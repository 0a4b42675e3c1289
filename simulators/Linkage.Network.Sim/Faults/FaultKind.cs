namespace Linkage.Network.Sim.Faults;

public enum FaultKind
{
    None,
    Drop,
    Duplicate,
    Delay,
    Reorder,
    Disconnect,
}

/// <summary>
/// What the plan decided for one message: the <paramref name="Attempt"/>-th time the hub saw <paramref name="Stage"/> of
/// exchange <paramref name="Exchange"/> (numbered in the order the hub first saw each inquiry). <paramref name="OnReply"/>:
/// the fault hits the way back (the message was passed on), not the way there.
/// </summary>
public sealed record FaultDecision(FaultStage Stage, long Exchange, int Attempt, FaultKind Kind, bool OnReply, TimeSpan Delay)
{
    public override string ToString() =>
        $"{Stage}#{Exchange}.{Attempt}: {Kind}{(Kind == FaultKind.None ? "" : OnReply ? " on the reply" : " on the request")}" +
        (Kind == FaultKind.Delay ? $" {Delay.TotalMilliseconds:0} ms" : "");
}
