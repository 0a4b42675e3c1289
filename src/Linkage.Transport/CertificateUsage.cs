using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Linkage.Transport;

/// <summary>
/// What a certificate may be used for in TLS, as its extended key usages. A client presents only
/// <see cref="Client"/>; gateways, the hub and the registry are servers and clients of each other and carry both.
/// </summary>
[Flags]
public enum CertificateUsage
{
    /// <summary>TLS client authentication (1.3.6.1.5.5.7.3.2): may present itself to our servers.</summary>
    Client = 1,

    /// <summary>TLS server authentication (1.3.6.1.5.5.7.3.1): may answer our outgoing channels.</summary>
    Server = 2,
}

public static class CertificateUsages
{
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    public static OidCollection ToOids(this CertificateUsage usage)
    {
        var oids = new OidCollection();
        if (usage.HasFlag(CertificateUsage.Server)) oids.Add(new Oid(ServerAuthOid));
        if (usage.HasFlag(CertificateUsage.Client)) oids.Add(new Oid(ClientAuthOid));
        return oids;
    }

    /// <summary>
    /// Whether the certificate states every usage asked for. A certificate without the extension is refused: RFC 5280
    /// would allow it any use, but every certificate we issue states its usage, so a missing one is not ours.
    /// </summary>
    public static bool Allows(this X509Certificate2 certificate, CertificateUsage usage)
    {
        bool client = false, server = false;
        foreach (var extension in certificate.Extensions)
        {
            if (extension is not X509EnhancedKeyUsageExtension enhanced) continue;
            foreach (var oid in enhanced.EnhancedKeyUsages)
            {
                client |= oid.Value == ClientAuthOid;
                server |= oid.Value == ServerAuthOid;
            }
        }
        return (!usage.HasFlag(CertificateUsage.Client) || client) && (!usage.HasFlag(CertificateUsage.Server) || server);
    }
}
