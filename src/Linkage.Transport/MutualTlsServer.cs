using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Linkage.Transport;

/// <summary>
/// Kestrel with HTTP/2 over TLS only, requiring a client certificate from our authority that carries clientAuth and is
/// not revoked at the time of the handshake (a revocation during the connection is the per-call check's to catch).
/// </summary>
public static class MutualTlsServer
{
    public static void Configure(KestrelServerOptions kestrel, TlsMaterial tls)
    {
        kestrel.AddServerHeader = false;
        kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2);
        kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = tls.Certificate;
            https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            // Our list is checked below; the system's check would look for distribution points our certificates do not have.
            https.CheckCertificateRevocation = false;
            https.ClientCertificateValidation = (certificate, _, _) =>
                tls.Trust.Verify(certificate, CertificateUsage.Client) == CertificateVerdict.Accepted;
        });
    }
}
