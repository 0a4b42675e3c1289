namespace Linkage.Architecture.Tests;

/// <summary>
/// A source file past 300 lines usually holds more than one concept. Code that tools generate (EF Core migrations and
/// their model snapshot, gRPC code under obj/) is left out: nobody reads or edits it by hand.
/// </summary>
public sealed class SourceFilesStaySmall
{
    private const int MaxLines = 300;

    [Fact]
    public void No_hand_written_file_under_src_is_longer_than_300_lines()
    {
        var src = Path.Combine(SourceProjects.RepositoryRoot, "src");
        var tooLong = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsGenerated(Path.GetRelativePath(src, path)))
            .Select(path => (Path: Path.GetRelativePath(src, path), Lines: File.ReadLines(path).Count()))
            .Where(file => file.Lines > MaxLines)
            .Select(file => $"{file.Path}: {file.Lines} lines")
            .ToList();

        Assert.True(tooLong.Count == 0, $"Split these files (at most {MaxLines} lines each):\n" + string.Join("\n", tooLong));
    }

    private static bool IsGenerated(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/');
        return parts.Contains("obj") || parts.Contains("bin") || parts.Contains("Migrations");
    }
}
