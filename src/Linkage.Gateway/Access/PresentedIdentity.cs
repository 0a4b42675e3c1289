using System.Security.Cryptography.X509Certificates;
using Linkage.Transport;
using Microsoft.AspNetCore.Connections.Features;

namespace Linkage.Gateway.Access;

/// <summary>
/// What a client certificate says, read once per connection: its thumbprint (a SHA-256 of the certificate) and its
/// subject's identity. The hub sends thousands of calls a second over a few connections, each with the same certificate.
/// </summary>
public sealed record PresentedIdentity(X509Certificate2 Certificate, string Thumbprint, PeerIdentity? Peer)
{
    private static readonly object Key = new();

    public static PresentedIdentity Of(HttpContext context, X509Certificate2 certificate)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is not null && items.TryGetValue(Key, out var cached) && cached is PresentedIdentity known
            && ReferenceEquals(known.Certificate, certificate))
            return known;
        var identity = new PresentedIdentity(certificate, CertificateReferences.Thumbprint(certificate), PeerIdentity.FromCertificate(certificate));
        if (items is not null) items[Key] = identity;
        return identity;
    }
}
