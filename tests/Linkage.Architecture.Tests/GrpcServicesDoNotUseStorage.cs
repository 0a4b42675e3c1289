using Mono.Cecil;

namespace Linkage.Architecture.Tests;

/// <summary>
/// The gRPC services are meant to be thin: wire to domain and back. Reaching into EF Core entities or storage helpers
/// from them bypasses the domain interfaces and application services that carry the rules.
/// </summary>
public sealed class GrpcServicesDoNotUseStorage
{
    private const string Storage = "Linkage.Storage";

    [Fact]
    public void Gateway_gRPC_services_and_their_mappings_use_no_type_of_Linkage_Storage()
    {
        var gateway = CompiledAssemblies.Of("Linkage.Gateway");
        var services = gateway.Types.Where(IsGrpcService).ToList();
        // A rule over no service proves nothing: fail if the way services are recognised stops working.
        Assert.True(services.Count > 0, "No gRPC service found in Linkage.Gateway: is [BindServiceMethod] still on the generated *Base classes?");
        // A service's room holds its mapping too; moving a storage call there would only hide it from the rule.
        var rooms = services.Select(s => s.Namespace).ToHashSet(StringComparer.Ordinal);
        var checkedTypes = gateway.Types.Where(t => rooms.Contains(t.Namespace)).ToList();

        var offences = TypeUses.Summarise(checkedTypes.SelectMany(TypeUses.Of).Where(u => u.Used.AssemblyOf() == Storage)).ToList();

        Assert.True(offences.Count == 0,
            $"gRPC services of Linkage.Gateway and the classes beside them must go through domain interfaces or application services, not {Storage}:\n  "
            + string.Join("\n  ", offences));
    }

    /// <summary>Grpc.Tools marks each generated service base with [BindServiceMethod]; a service derives from one.</summary>
    private static bool IsGrpcService(TypeDefinition type)
    {
        for (var baseType = Resolve(type.BaseType); baseType is not null; baseType = Resolve(baseType.BaseType))
            if (baseType.CustomAttributes.Any(a => a.AttributeType.FullName == "Grpc.Core.BindServiceMethodAttribute"))
                return true;
        return false;
    }

    private static TypeDefinition? Resolve(TypeReference? type)
    {
        if (type is null) return null;
        try { return type.Resolve(); }
        catch (AssemblyResolutionException) { return null; } // a base outside anything we can read is not a generated one
    }
}
