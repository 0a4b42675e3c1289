namespace Linkage.Testing.LogScan;

/// <summary>
/// An event a log must show (LOG=TEXT: some line of the file named LOG holds TEXT). A scan that finds nothing proves
/// nothing unless the logs are there and hold what the run did.
/// </summary>
public sealed record LogExpectation(string Log, string Text)
{
    public static LogExpectation Parse(string spec)
    {
        var equals = spec.IndexOf('=');
        return equals > 0 && equals < spec.Length - 1
            ? new LogExpectation(spec[..equals], spec[(equals + 1)..])
            : throw new FormatException($"An expectation is LOG=TEXT, not '{spec}'.");
    }

    /// <summary>Whether a file of that name among <paramref name="files"/> has a line holding the text.</summary>
    public bool IsMetBy(IEnumerable<string> files) =>
        files.Where(f => Path.GetFileName(f) == Log).Any(f => File.ReadLines(f).Any(line => line.Contains(Text, StringComparison.Ordinal)));

    public override string ToString() => $"{Log}: \"{Text}\"";
}
