using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Linkage.Network.Sim.Faults;

/// <summary>
/// The fault decisions as a pure function of the seed and the message's place in the run (stage, exchange, attempt):
/// nothing of the clock, of thread scheduling or of a shared random sequence goes in, so that the same seed hits the
/// same messages whatever else runs meanwhile.
/// </summary>
public sealed class FaultPlan(FaultPlanOptions options)
{
    public FaultPlanOptions Options { get; } = options;

    public FaultDecision Decide(FaultStage stage, long exchange, int attempt)
    {
        if (!Options.Enabled || !Options.Covers(stage)) return new FaultDecision(stage, exchange, attempt, FaultKind.None, false, TimeSpan.Zero);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes($"linkage-hub-faults|{Options.Seed}|{stage}|{exchange}|{attempt}"), hash);
        var which = Uniform(hash[..8]);
        // A duplicate is of the message: one reply goes back whichever way.
        var onReply = (hash[8] & 1) == 1;
        var delay = TimeSpan.FromTicks((long)(Uniform(hash[16..24]) * Options.MaxDelay.Ticks));
        var kind = Pick(which);
        return new FaultDecision(stage, exchange, attempt, kind, kind is not (FaultKind.None or FaultKind.Duplicate) && onReply, kind == FaultKind.Delay ? delay : TimeSpan.Zero);
    }

    private FaultKind Pick(double which)
    {
        var bound = 0.0;
        foreach (var (kind, rate) in new[]
                 {
                     (FaultKind.Drop, Options.Drop), (FaultKind.Duplicate, Options.Duplicate), (FaultKind.Delay, Options.Delay),
                     (FaultKind.Reorder, Options.Reorder), (FaultKind.Disconnect, Options.Disconnect),
                 })
        {
            bound += rate;
            if (which < bound) return kind;
        }
        return FaultKind.None;
    }

    /// <summary>[0, 1) from 53 bits of the hash.</summary>
    private static double Uniform(ReadOnlySpan<byte> bytes) => (BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 11) * (1.0 / (1UL << 53));
}
