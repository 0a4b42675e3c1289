namespace Linkage.Testing.LogScan;

/// <summary>A value of some kind on one line of one log: where and which kind, never the value.</summary>
public sealed record LogFinding(string File, int Line, string Kind)
{
    public override string ToString() => $"{File}:{Line}: {Kind}";
}

/// <summary>One log file and how many lines it had.</summary>
public sealed record ScannedLog(string File, int Lines);

public sealed record LogScanReport(IReadOnlyList<ScannedLog> Logs, IReadOnlyList<LogFinding> Findings)
{
    public int Lines => Logs.Sum(l => l.Lines);
}

/// <summary>
/// Searches log files line by line for every sensitive value. Numbers and symbols (letters, digits and decimal points)
/// match as whole tokens, case-insensitively: a weight "53.4" is not found inside a duration "153.41", a symbol is
/// found in lower case too. Every other value (names, addresses, Japanese findings) matches anywhere in a line.
/// Tokens are looked up in a set, so a verbose log of a hundred thousand lines is scanned in seconds.
/// </summary>
public sealed class LogScanner
{
    private readonly Dictionary<string, string> _tokens = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SensitiveValue> _texts = [];

    public LogScanner(SensitiveValues values)
    {
        foreach (var value in values.All)
        {
            if (value.Value.All(IsTokenChar)) _tokens.TryAdd(value.Value.Trim('.'), value.Kind);
            else _texts.Add(value);
        }
    }

    public LogScanReport Scan(IEnumerable<string> files)
    {
        var logs = new List<ScannedLog>();
        var findings = new List<LogFinding>();
        foreach (var file in files)
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                findings.AddRange(KindsIn(line).Select(kind => new LogFinding(file, number, kind)));
            }
            logs.Add(new ScannedLog(file, number));
        }
        return new LogScanReport(logs, findings);
    }

    /// <summary>The kinds of the values that occur in one line, each once.</summary>
    public IEnumerable<string> KindsIn(string line)
    {
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var token in Tokens(line))
            if (token.Trim('.') is { Length: > 0 } bare && _tokens.TryGetValue(bare, out var kind)) kinds.Add(kind);
        // Most lines are ASCII, and a name or an address cannot be in one.
        var ascii = SensitiveValues.IsAscii(line);
        foreach (var text in _texts)
            if ((!ascii || SensitiveValues.IsAscii(text.Value)) && line.Contains(text.Value, StringComparison.OrdinalIgnoreCase))
                kinds.Add(text.Kind);
        return kinds;
    }

    private static IEnumerable<string> Tokens(string line)
    {
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && IsTokenChar(line[i])) continue;
            if (i > start) yield return line[start..i];
            start = i + 1;
        }
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '.';
}
