namespace Linkage.Crypto;

/// <summary>A gateway's two answer keys, kept apart by role: one seals the answers it provides, the other is named in
/// its own permit requests and opens the answers to its inquiries.</summary>
public sealed class AnswerKeys(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public RotatingAnswerKey Sealing { get; } = new(clock, Lifetime);
    public RotatingAnswerKey Receiving { get; } = new(clock, Lifetime);
}
