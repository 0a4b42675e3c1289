using System.Text.RegularExpressions;

namespace Linkage.Architecture.Tests;

/// <summary>
/// The mermaid flowchart under README's "How the parts depend on each other": node definitions <c>Id[Label]</c> and
/// edges <c>A --> B</c> (chains <c>A --> B --> C</c> too), read as labels.
/// </summary>
public sealed partial record ReadmeDiagram(IReadOnlySet<string> Nodes, IReadOnlySet<(string From, string To)> Edges)
{
    public const string Heading = "## How the parts depend on each other";

    [GeneratedRegex(@"^(?<id>[A-Za-z0-9_]+)\s*(?:\[(?<label>[^\]]+)\])?$")]
    private static partial Regex NodeSyntax();

    public static ReadmeDiagram Read(string readme)
    {
        var lines = readme.ReplaceLineEndings("\n").Split('\n');
        var heading = Array.FindIndex(lines, l => l.TrimEnd() == Heading);
        if (heading < 0) throw new FormatException($"README.md has no section '{Heading}'.");
        var open = Array.FindIndex(lines, heading + 1, l => l.Trim() == "```mermaid" || l.StartsWith("## ", StringComparison.Ordinal));
        if (open < 0 || lines[open].StartsWith("## ", StringComparison.Ordinal))
            throw new FormatException($"README.md section '{Heading}' has no ```mermaid block.");
        var close = Array.FindIndex(lines, open + 1, l => l.Trim() == "```");
        if (close < 0) throw new FormatException("README.md: the ```mermaid block is not closed.");

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var idEdges = new List<(string, string)>();
        foreach (var raw in lines[(open + 1)..close])
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("%%", StringComparison.Ordinal)
                || line.StartsWith("flowchart", StringComparison.Ordinal) || line.StartsWith("graph", StringComparison.Ordinal))
                continue;
            var ids = line.Split("-->").Select(part => Node(part.Trim(), raw, labels)).ToList();
            for (var i = 1; i < ids.Count; i++) idEdges.Add((ids[i - 1], ids[i]));
        }

        string Label(string id) => labels.TryGetValue(id, out var label)
            ? label : throw new FormatException($"README.md diagram: node '{id}' is used but never given a label like {id}[Linkage.X].");
        return new ReadmeDiagram(
            labels.Values.ToHashSet(StringComparer.Ordinal),
            idEdges.Select(e => (Label(e.Item1), Label(e.Item2))).ToHashSet());
    }

    private static string Node(string text, string line, Dictionary<string, string> labels)
    {
        var match = NodeSyntax().Match(text);
        if (!match.Success) throw new FormatException($"README.md diagram: cannot read '{text}' in line '{line.Trim()}'.");
        var id = match.Groups["id"].Value;
        if (match.Groups["label"].Success)
        {
            var label = match.Groups["label"].Value.Trim();
            if (labels.TryGetValue(id, out var earlier) && earlier != label)
                throw new FormatException($"README.md diagram: node '{id}' is labelled both {earlier} and {label}.");
            labels[id] = label;
        }
        return id;
    }
}
