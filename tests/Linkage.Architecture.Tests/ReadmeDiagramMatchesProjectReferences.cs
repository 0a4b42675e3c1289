namespace Linkage.Architecture.Tests;

/// <summary>A diagram nobody checks drifts from the code within weeks; this one is compared with the csproj files.</summary>
public sealed class ReadmeDiagramMatchesProjectReferences
{
    [Fact]
    public void README_dependency_diagram_has_exactly_the_ProjectReferences_of_src()
    {
        var diagram = ReadmeDiagram.Read(File.ReadAllText(Path.Combine(SourceProjects.RepositoryRoot, "README.md")));
        var projects = SourceProjects.All.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var references = SourceProjects.All.SelectMany(p => p.ProjectReferences.Select(r => (From: p.Name, To: r))).ToHashSet();

        var problems = new List<string>();
        problems.AddRange(references.Except(diagram.Edges).Order()
            .Select(e => $"{e.From} --> {e.To} is a ProjectReference but not in the README diagram"));
        problems.AddRange(diagram.Edges.Except(references).Order()
            .Select(e => $"{e.From} --> {e.To} is in the README diagram but not a ProjectReference of src/{e.From}/{e.From}.csproj"));
        problems.AddRange(projects.Except(diagram.Nodes).Order().Select(p => $"{p} is a src/ project but not a node of the README diagram"));
        problems.AddRange(diagram.Nodes.Except(projects).Order().Select(n => $"{n} is a node of the README diagram but not a src/ project"));

        Assert.True(problems.Count == 0,
            $"README.md '{ReadmeDiagram.Heading}' disagrees with src/*/*.csproj:\n  " + string.Join("\n  ", problems));
    }
}
