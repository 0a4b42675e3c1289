using System.Net;

namespace Linkage.Domain.Staff;

/// <summary>The designated terminals' networks from which staff may sign in; none configured means any.</summary>
public sealed class SignInNetworks(IReadOnlyList<IPNetwork> allowed)
{
    public static readonly SignInNetworks Any = new([]);

    public IReadOnlyList<IPNetwork> Allowed { get; } = allowed;

    public bool Allows(IPAddress? source)
    {
        if (Allowed.Count == 0) return true;
        if (source is null) return false;
        if (source.IsIPv4MappedToIPv6) source = source.MapToIPv4();
        return Allowed.Any(network => network.Contains(source));
    }
}
