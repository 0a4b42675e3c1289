namespace Linkage.Fuzz;

/// <summary>One fuzzed parser: its run over one input, and the seed corpus it starts from.</summary>
public sealed record FuzzTarget(string Name, Func<byte[], FuzzOutcome> Run, Func<IReadOnlyList<(string Name, byte[] Input)>> Seeds);

/// <summary>The parsers fuzzed, by the name given on the command line and used for their corpus and regression folders.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("permit", PermitTarget.Run, PermitTarget.Seeds),
        new("copy", CopyTarget.Run, CopyTarget.Seeds),
    ];

    public static FuzzTarget? Named(string name) => All.FirstOrDefault(t => t.Name == name);
}
