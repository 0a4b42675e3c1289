namespace Linkage.Architecture.Tests;

/// <summary>
/// Storage, crypto and transport sit below the hosts: if they named the gateway, the gRPC contracts or the hosting
/// layer, a change of wire format or host would ripple down into persistence and cryptography.
/// </summary>
public sealed class InfrastructureDoesNotReferenceTheHost
{
    private static readonly string[] Forbidden = ["Linkage.Gateway", "Linkage.Contracts", "Linkage.Hosting"];

    [Theory]
    [InlineData("Linkage.Storage")]
    [InlineData("Linkage.Crypto")]
    [InlineData("Linkage.Transport")]
    public void Storage_Crypto_and_Transport_reference_neither_Gateway_nor_Contracts_nor_Hosting(string project)
    {
        var problems = new List<string>();

        // The compiled assembly names the offending types; the csproj also catches a reference not (yet) used,
        // or one that arrives through another project.
        var module = CompiledAssemblies.Of(project);
        foreach (var reference in module.AssemblyReferences.Where(r => Forbidden.Contains(r.Name)))
        {
            var examples = TypeUses.Summarise(module.Types.SelectMany(TypeUses.Of).Where(u => u.Used.AssemblyOf() == reference.Name));
            problems.Add($"the assembly {module.Assembly.Name.Name} references {reference.Name}"
                + string.Concat(examples.Select(e => "\n    " + e)));
        }
        foreach (var path in ProjectReferencePaths(project).Where(p => Forbidden.Contains(p[^1])))
            problems.Add($"{project}.csproj reaches {path[^1]}: {string.Join(" -> ", path)}");

        Assert.True(problems.Count == 0,
            $"{project} must not depend on {string.Join(", ", Forbidden)}:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>The shortest ProjectReference path from the project to every project it reaches.</summary>
    private static IEnumerable<string[]> ProjectReferencePaths(string from)
    {
        var paths = new Dictionary<string, string[]> { [from] = [from] };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var current))
            foreach (var next in SourceProjects.All.SingleOrDefault(p => p.Name == current)?.ProjectReferences ?? [])
                if (paths.TryAdd(next, [.. paths[current], next]))
                    queue.Enqueue(next);
        return paths.Where(p => p.Key != from).Select(p => p.Value);
    }
}
