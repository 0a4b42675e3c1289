using System.Net;

namespace Linkage.Domain.Staff;

/// <summary>
/// The designated terminals' networks from which staff may sign in; none configured means any. An IPv4 address that a
/// dual-stack socket reports as IPv6 (::ffff:a.b.c.d) matches its IPv4 network (IPNetwork.Contains sees through it).
/// </summary>
public sealed class SignInNetworks(IReadOnlyList<IPNetwork> allowed)
{
    public static readonly SignInNetworks Any = new([]);

    public IReadOnlyList<IPNetwork> Allowed { get; } = allowed;

    public bool Allows(IPAddress? source)
    {
        if (Allowed.Count == 0) return true;
        if (source is null) return false;
        return Allowed.Any(network => network.Contains(source));
    }
}
