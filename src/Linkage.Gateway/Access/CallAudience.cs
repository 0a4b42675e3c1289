using Linkage.Domain.Staff;
using Linkage.Transport;

namespace Linkage.Gateway.Access;

/// <summary>
/// The institution a call is addressed to. A back-office system's or a staff member's certificate belongs to one
/// institution, and so do its calls. The hub's certificate speaks to every institution, so the hub names the one it
/// calls in the <see cref="Header"/> request header. A platform node places each call with an institution by this
/// rule, and every gateway refuses a call that names another institution than its own.
/// </summary>
public static class CallAudience
{
    public const string Header = Linkage.Contracts.Metadata.NetworkMetadata.Audience;

    /// <summary>
    /// The institution code the call is addressed to: the certificate's own, or for the network role the one named
    /// in the header. Null for a certificate without an identity, and for a network call naming no well-formed code.
    /// </summary>
    public static string? Of(PeerIdentity? peer, IHeaderDictionary headers) => peer switch
    {
        null => null,
        { Role: Roles.Network } => Named(headers) is { Length: 16 } code && code.All(char.IsAsciiDigit) ? code : null,
        _ => peer.InstitutionCode,
    };

    /// <summary>What the header names, as sent (several values joined), or null when it is absent.</summary>
    public static string? Named(IHeaderDictionary headers) =>
        headers.TryGetValue(Header, out var values) && values.Count > 0 ? values.ToString() : null;
}
