namespace Linkage.Fuzz;

/// <summary>
/// What a target made of one input: accepted, or refused with one of its parser's documented reasons. Anything else
/// a target meets (another exception, an undocumented reason, an accepted input that does not read back the same) is
/// thrown out of the target, which afl-fuzz counts as a crash and the regression test as a failure.
/// </summary>
public sealed record FuzzOutcome(bool Accepted, string Reason)
{
    public static readonly FuzzOutcome Accept = new(true, "");

    public static FuzzOutcome Refuse(string reason) => new(false, reason);

    public override string ToString() => Accepted ? "accepted" : $"refused: {Reason}";
}
