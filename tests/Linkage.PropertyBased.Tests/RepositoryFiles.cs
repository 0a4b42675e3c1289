namespace Linkage.PropertyBased.Tests;

/// <summary>Files of the repository this test assembly was built from (the fuzzer's corpus and regressions).</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        // Walk up rather than trust a relative path: bin/ sits at a different depth per configuration and runner.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Linkage.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Linkage.sln in {AppContext.BaseDirectory} or any folder above it.");
    });

    public static string Root => LazyRoot.Value;

    /// <summary>Every file under fuzz/FOLDER/TARGET/, as (target, file name).</summary>
    public static IEnumerable<(string Target, string Name)> FuzzInputs(string folder)
    {
        var root = Path.Combine(Root, "fuzz", folder);
        if (!Directory.Exists(root)) yield break;
        foreach (var target in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
            foreach (var file in Directory.GetFiles(target).Order(StringComparer.Ordinal))
                yield return (Path.GetFileName(target), Path.GetFileName(file));
    }

    public static byte[] FuzzInput(string folder, string target, string name) => File.ReadAllBytes(Path.Combine(Root, "fuzz", folder, target, name));
}
