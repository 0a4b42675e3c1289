using System.Xml.Linq;

namespace Linkage.Architecture.Tests;

/// <summary>One project under src/, as its csproj file says.</summary>
public sealed record SourceProject(string Name, string AssemblyName, IReadOnlyList<string> ProjectReferences);

/// <summary>The repository this test assembly was built from, and the src/ projects in it.</summary>
public static class SourceProjects
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);
    private static readonly Lazy<IReadOnlyList<SourceProject>> LazyAll = new(ReadAll);

    /// <summary>The folder holding Linkage.sln.</summary>
    public static string RepositoryRoot => LazyRoot.Value;

    /// <summary>Every src/*/*.csproj, so that a new project is covered without editing the tests.</summary>
    public static IReadOnlyList<SourceProject> All => LazyAll.Value;

    public static SourceProject Named(string name) =>
        All.SingleOrDefault(p => p.Name == name)
        ?? throw new InvalidOperationException($"No project {name} under src/ (found: {string.Join(", ", All.Select(p => p.Name))}).");

    private static string FindRoot()
    {
        // Walk up rather than trust a relative path: bin/ sits at a different depth per configuration and runner.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Linkage.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Linkage.sln in {AppContext.BaseDirectory} or any folder above it.");
    }

    private static IReadOnlyList<SourceProject> ReadAll()
    {
        var projects = Directory.GetDirectories(Path.Combine(RepositoryRoot, "src"))
            .SelectMany(d => Directory.GetFiles(d, "*.csproj"))
            .Select(Read)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        if (projects.Count == 0) throw new InvalidOperationException($"No src/*/*.csproj under {RepositoryRoot}.");
        return projects;
    }

    private static SourceProject Read(string csproj)
    {
        var xml = XDocument.Load(csproj);
        var name = Path.GetFileNameWithoutExtension(csproj);
        var assemblyName = xml.Descendants().FirstOrDefault(e => e.Name.LocalName == "AssemblyName")?.Value.Trim();
        var references = xml.Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            // The Include is a relative path with either separator; only the project's file name identifies it.
            .Select(include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/').Split('/')[^1]))
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToList();
        return new SourceProject(name, string.IsNullOrEmpty(assemblyName) ? name : assemblyName, references);
    }
}
