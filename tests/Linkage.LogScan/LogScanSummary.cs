using Linkage.Testing.LogScan;

namespace Linkage.LogScan;

/// <summary>The scan's report: every finding as file:line and kind, the logs and their lines, the values searched by
/// kind and the expected events. Never a value.</summary>
public static class LogScanSummary
{
    public static string Kinds(SensitiveValues values)
    {
        var searched = string.Join(", ", values.CountByKind.Select(k => $"{k.Key} {k.Value}"));
        var skipped = values.TooShortByKind.Count == 0 ? "" :
            $"; not searched, shorter than {SensitiveValues.ShortestAsciiValue} characters: " +
            string.Join(", ", values.TooShortByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"));
        return $"{values.All.Count} distinct ({searched}){skipped}";
    }

    /// <summary>Prints the report; true when the logs are there, hold every expected event and no value.</summary>
    public static bool Print(LogScanReport report, SensitiveValues values, IReadOnlyList<LogExpectation> expectations, string folder, TextWriter output)
    {
        foreach (var finding in report.Findings)
            output.WriteLine($"FOUND {Path.GetRelativePath(folder, finding.File)}:{finding.Line}: {finding.Kind}");
        output.WriteLine($"logs scanned: {report.Logs.Count} files, {report.Lines} lines");
        foreach (var log in report.Logs) output.WriteLine($"  {Path.GetRelativePath(folder, log.File)}: {log.Lines} lines");
        output.WriteLine("values searched: " + Kinds(values));

        var files = report.Logs.Select(l => l.File).ToList();
        var missing = expectations.Where(e => !e.IsMetBy(files)).ToList();
        foreach (var expectation in missing) output.WriteLine($"MISSING expected event {expectation}");
        output.WriteLine($"expected events: {expectations.Count - missing.Count} of {expectations.Count} found");
        var empty = report.Logs.Where(l => l.Lines == 0).ToList();
        foreach (var log in empty) output.WriteLine($"EMPTY {Path.GetRelativePath(folder, log.File)}");
        output.WriteLine($"findings: {report.Findings.Count}" +
            (report.Findings.Count == 0 ? "" : " by kind: " + string.Join(", ", report.Findings.GroupBy(f => f.Kind).Select(g => $"{g.Key} {g.Count()}"))));
        return report.Findings.Count == 0 && missing.Count == 0 && empty.Count == 0 && report.Lines > 0 && values.All.Count > 0;
    }

    /// <summary>
    /// The control: the clients print internal address numbers and answers on purpose, so the same scan must find
    /// each expected kind there. True when it does; a scanner that cannot see values would otherwise pass every log.
    /// </summary>
    public static bool PrintControl(LogScanReport control, IReadOnlyList<string> kinds, TextWriter output)
    {
        var found = control.Findings.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var missing = kinds.Where(k => !found.ContainsKey(k)).ToList();
        output.WriteLine($"control (client output, {control.Logs.Count} files, {control.Lines} lines): " +
            string.Join(", ", found.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} on {k.Value} lines")));
        foreach (var kind in missing) output.WriteLine($"CONTROL FAILED: no {kind} found in the client output, which shows them");
        return missing.Count == 0;
    }
}
