using Mono.Cecil;

namespace Linkage.Architecture.Tests;

/// <summary>One type named by another: <see cref="Used"/> appears in <see cref="Where"/> of <see cref="User"/>.</summary>
public sealed record TypeUse(TypeDefinition User, TypeReference Used, string Where)
{
    public override string ToString() => $"{User.FullName} uses {Used.FullName} ({Where})";
}

/// <summary>
/// Every type a type names anywhere in its metadata and IL: base type, interfaces, attributes, fields, signatures,
/// method bodies. Nested types count as their outer type, because that is where lambdas, iterators and async state
/// machines put the code the programmer wrote in the outer type's methods.
/// </summary>
public static class TypeUses
{
    public static IEnumerable<TypeUse> Of(TypeDefinition type)
    {
        var uses = new List<TypeUse>();
        Collect(type, type, uses);
        return uses;
    }

    /// <summary>The outermost type of a nested one, which carries the namespace.</summary>
    public static TypeReference Outermost(this TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    /// <summary>Compiler-made or tool-generated types: not code anyone writes, so not subject to layering.</summary>
    public static bool IsGenerated(this TypeDefinition type) =>
        type.Name.StartsWith('<')
        || type.CustomAttributes.Any(a => a.AttributeType.FullName is
            "System.Runtime.CompilerServices.CompilerGeneratedAttribute"
            or "System.CodeDom.Compiler.GeneratedCodeAttribute"
            or "Microsoft.CodeAnalysis.EmbeddedAttribute");

    /// <summary>One line per (user, used) pair with every place it occurs, so that a failure reads as a to-do list.</summary>
    public static IEnumerable<string> Summarise(IEnumerable<TypeUse> uses) =>
        uses.GroupBy(u => (User: u.User.FullName, Used: u.Used.FullName))
            .OrderBy(g => g.Key.User, StringComparer.Ordinal).ThenBy(g => g.Key.Used, StringComparer.Ordinal)
            .Select(g => $"{g.Key.User} uses {g.Key.Used} ({string.Join("; ", g.Select(u => u.Where).Distinct())})");

    private static void Collect(TypeDefinition user, TypeDefinition type, List<TypeUse> uses)
    {
        var name = type == user ? "" : Readable(type) + ": ";
        void Add(TypeReference? t, string where) { if (t is not null) AddType(user, t, name + where, uses); }
        void AddAttributes(ICustomAttributeProvider p, string where) => AddAttributeUses(user, p, name + where, uses);

        Add(type.BaseType, "base type");
        foreach (var i in type.Interfaces) { Add(i.InterfaceType, "interface"); AddAttributes(i, "interface attribute"); }
        AddAttributes(type, "attribute");
        AddGenericParameters(type, type.Name, Add, AddAttributes);

        foreach (var f in type.Fields) { Add(f.FieldType, $"field {f.Name}"); AddAttributes(f, $"field {f.Name}"); }
        foreach (var p in type.Properties) { Add(p.PropertyType, $"property {p.Name}"); AddAttributes(p, $"property {p.Name}"); }
        foreach (var e in type.Events) { Add(e.EventType, $"event {e.Name}"); AddAttributes(e, $"event {e.Name}"); }
        foreach (var m in type.Methods) CollectMethod(m, Add, AddAttributes);

        foreach (var nested in type.NestedTypes) Collect(user, nested, uses);
    }

    /// <summary>
    /// Names a nested type as the programmer knows it: the compiler's &lt;Verify&gt;d__5 (the state machine of async
    /// Verify) reads as "in Verify", &lt;&gt;c (the lambda cache) as "in lambdas".
    /// </summary>
    private static string Readable(TypeDefinition nested)
    {
        if (!nested.Name.StartsWith('<')) return nested.Name;
        var method = nested.Name[1..nested.Name.IndexOf('>')];
        return method.Length > 0 ? $"in {method}" : "in lambdas";
    }

    private static void CollectMethod(MethodDefinition m, Action<TypeReference?, string> add,
        Action<ICustomAttributeProvider, string> addAttributes)
    {
        var signature = $"method {m.Name}";
        add(m.ReturnType, signature);
        addAttributes(m, signature);
        addAttributes(m.MethodReturnType, signature);
        foreach (var p in m.Parameters) { add(p.ParameterType, signature); addAttributes(p, signature); }
        foreach (var o in m.Overrides) AddMethod(o, signature, add);
        AddGenericParameters(m, m.Name, add, addAttributes);
        if (!m.HasBody) return;

        var body = $"body of {m.Name}";
        foreach (var v in m.Body.Variables) add(v.VariableType, body);
        foreach (var h in m.Body.ExceptionHandlers) add(h.CatchType, body);
        foreach (var instruction in m.Body.Instructions)
            switch (instruction.Operand)
            {
                case TypeReference t: add(t, body); break;
                case MethodReference r: AddMethod(r, body, add); break;
                case FieldReference f: add(f.DeclaringType, body); add(f.FieldType, body); break;
                case CallSite c:
                    add(c.ReturnType, body);
                    foreach (var p in c.Parameters) add(p.ParameterType, body);
                    break;
            }
    }

    private static void AddMethod(MethodReference r, string where, Action<TypeReference?, string> add)
    {
        add(r.DeclaringType, where);
        add(r.ReturnType, where);
        foreach (var p in r.Parameters) add(p.ParameterType, where);
        if (r is GenericInstanceMethod g)
            foreach (var a in g.GenericArguments) add(a, where);
    }

    private static void AddGenericParameters(IGenericParameterProvider provider, string owner,
        Action<TypeReference?, string> add, Action<ICustomAttributeProvider, string> addAttributes)
    {
        foreach (var g in provider.GenericParameters)
        {
            foreach (var c in g.Constraints) add(c.ConstraintType, $"constraint on {owner}");
            addAttributes(g, $"generic parameter of {owner}");
        }
    }

    private static void AddAttributeUses(TypeDefinition user, ICustomAttributeProvider provider, string where, List<TypeUse> uses)
    {
        if (!provider.HasCustomAttributes) return;
        foreach (var a in provider.CustomAttributes)
        {
            AddType(user, a.AttributeType, where + " (attribute)", uses);
            // typeof(...) arguments are uses too ([DbContext(typeof(X))], [BindServiceMethod(typeof(X), ...)]).
            foreach (var arg in a.ConstructorArguments) AddAttributeArgument(user, arg, where, uses);
            foreach (var named in a.Fields.Concat(a.Properties)) AddAttributeArgument(user, named.Argument, where, uses);
        }
    }

    private static void AddAttributeArgument(TypeDefinition user, CustomAttributeArgument arg, string where, List<TypeUse> uses)
    {
        switch (arg.Value)
        {
            case TypeReference t: AddType(user, t, where + " (typeof in attribute)", uses); break;
            case CustomAttributeArgument boxed: AddAttributeArgument(user, boxed, where, uses); break;
            case CustomAttributeArgument[] array:
                foreach (var item in array) AddAttributeArgument(user, item, where, uses);
                break;
        }
    }

    /// <summary>Breaks a constructed type into the types it is made of: List&lt;Foo[]&gt; names List and Foo.</summary>
    private static void AddType(TypeDefinition user, TypeReference type, string where, List<TypeUse> uses)
    {
        switch (type)
        {
            case GenericParameter:
                return;
            case GenericInstanceType g:
                AddType(user, g.ElementType, where, uses);
                foreach (var a in g.GenericArguments) AddType(user, a, where, uses);
                return;
            case IModifierType m:
                AddType(user, m.ModifierType, where, uses);
                AddType(user, m.ElementType, where, uses);
                return;
            case FunctionPointerType f:
                AddType(user, f.ReturnType, where, uses);
                foreach (var p in f.Parameters) AddType(user, p.ParameterType, where, uses);
                return;
            case TypeSpecification s:
                AddType(user, s.ElementType, where, uses);
                return;
            default:
                uses.Add(new TypeUse(user, type, where));
                return;
        }
    }
}
