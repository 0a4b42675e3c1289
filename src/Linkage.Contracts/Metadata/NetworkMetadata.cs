namespace Linkage.Contracts.Metadata;

/// <summary>The gRPC metadata keys of the provision network, beside its messages.</summary>
public static class NetworkMetadata
{
    /// <summary>
    /// On every call the hub relays to a gateway node (linkage.v1.Provision): the institution the call is for. A
    /// platform node serving many institutions places the call by it; it is a routing hint only, as the node still
    /// checks the signed permit's audience itself.
    /// </summary>
    public const string Audience = "linkage-audience";
}
