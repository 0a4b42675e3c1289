namespace Linkage.Architecture.Tests;

/// <summary>
/// The domain holds the rules without I/O; a package or another Linkage project in it would drag infrastructure
/// (and its release cycle) into every layer above.
/// </summary>
public sealed class DomainReferencesOnlyTheBcl
{
    private static bool IsBcl(string assembly) =>
        assembly is "System" or "netstandard" or "mscorlib"
        || assembly.StartsWith("System.", StringComparison.Ordinal)
        || assembly.StartsWith("Microsoft.Win32.", StringComparison.Ordinal);

    [Fact]
    public void Linkage_Domain_references_only_System_Microsoft_Win32_netstandard_and_mscorlib()
    {
        var domain = CompiledAssemblies.Of("Linkage.Domain");
        var foreign = domain.AssemblyReferences.Select(r => r.Name).Where(n => !IsBcl(n)).Order(StringComparer.Ordinal).ToList();

        Assert.True(foreign.Count == 0,
            "Linkage.Domain must reference only the BCL, but it references:\n"
            + string.Join("\n", foreign.Select(f => $"  {f}, e.g. {ExampleUse(domain, f)}")));
    }

    private static string ExampleUse(Mono.Cecil.ModuleDefinition module, string assembly) =>
        module.Types.SelectMany(TypeUses.Of).FirstOrDefault(u => u.Used.AssemblyOf() == assembly)?.ToString()
        ?? "no type of it is named (an assembly attribute or a type forward?)";
}
