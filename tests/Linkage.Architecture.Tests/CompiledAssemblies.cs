using System.Collections.Concurrent;
using Mono.Cecil;

namespace Linkage.Architecture.Tests;

/// <summary>
/// The src/ assemblies as built beside this test assembly, read with Mono.Cecil: metadata only, so nothing of them
/// runs and their own dependencies need not load.
/// </summary>
public static class CompiledAssemblies
{
    private static readonly ConcurrentDictionary<string, ModuleDefinition> Modules = new();
    private static readonly Lazy<IAssemblyResolver> Resolver = new(CreateResolver);

    public static ModuleDefinition Of(string projectName) =>
        Modules.GetOrAdd(projectName, name =>
        {
            var project = SourceProjects.Named(name);
            var path = Path.Combine(AppContext.BaseDirectory, project.AssemblyName + ".dll");
            if (!File.Exists(path))
                throw new InvalidOperationException(
                    $"{path} is missing: add a ProjectReference to src/{name} in Linkage.Architecture.Tests.csproj so its rules are checked.");
            return ModuleDefinition.ReadModule(path, new ReaderParameters { AssemblyResolver = Resolver.Value });
        });

    /// <summary>The assembly a type reference points to, or null when it is in the module that uses it.</summary>
    public static string? AssemblyOf(this TypeReference type) =>
        type.Scope is AssemblyNameReference assembly ? assembly.Name : null;

    private static IAssemblyResolver CreateResolver()
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(AppContext.BaseDirectory);
        // Base classes and attribute arguments may live in the shared frameworks (ASP.NET Core for the hosts);
        // take each framework of the running runtime's version.
        var runtime = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var shared = runtime.Parent?.Parent;
        if (shared is not null)
            foreach (var framework in shared.GetDirectories())
            {
                var sameVersion = Path.Combine(framework.FullName, runtime.Name);
                if (Directory.Exists(sameVersion)) resolver.AddSearchDirectory(sameVersion);
            }
        return resolver;
    }
}
