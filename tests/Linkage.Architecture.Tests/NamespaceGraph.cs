using Mono.Cecil;

namespace Linkage.Architecture.Tests;

/// <summary>
/// Which namespace of one assembly uses which other namespace of the same assembly, with the first type use found
/// for each edge as evidence. A parent and a child namespace are separate nodes.
/// </summary>
public sealed class NamespaceGraph
{
    private readonly SortedDictionary<string, SortedDictionary<string, TypeUse>> _edges = new(StringComparer.Ordinal);

    public static NamespaceGraph Of(ModuleDefinition module)
    {
        var graph = new NamespaceGraph();
        foreach (var type in module.Types.Where(t => !t.IsGenerated()).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var from = Name(type);
            graph.Node(from);
            foreach (var use in TypeUses.Of(type))
            {
                // Uses of other assemblies cannot close a cycle inside this one.
                if (use.Used.Scope != module) continue;
                var target = use.Used.Outermost().Resolve();
                if (target is null || target.IsGenerated() || Name(target) == from) continue;
                graph.Node(Name(target));
                graph._edges[from].TryAdd(Name(target), use);
            }
        }
        return graph;
    }

    // Top-level statements (Program) live in the global namespace, which has no name to print.
    private static string Name(TypeDefinition type) => type.Namespace.Length == 0 ? "(global namespace)" : type.Namespace;

    public TypeUse? Edge(string from, string to) =>
        _edges.TryGetValue(from, out var targets) && targets.TryGetValue(to, out var use) ? use : null;

    /// <summary>Tarjan's strongly connected components with more than one namespace: each is one or more cycles.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var next = 0;
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<IReadOnlyList<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges[v].Keys)
                if (!index.TryGetValue(w, out var indexOfW)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], indexOfW);
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string top;
            do { top = stack.Pop(); onStack.Remove(top); component.Add(top); } while (top != v);
            if (component.Count > 1) components.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var v in _edges.Keys)
            if (!index.ContainsKey(v)) Visit(v);
        return components.OrderBy(c => c[0], StringComparer.Ordinal).ToList();
    }

    private SortedDictionary<string, TypeUse> Node(string ns)
    {
        if (!_edges.TryGetValue(ns, out var targets)) _edges[ns] = targets = new(StringComparer.Ordinal);
        return targets;
    }
}
