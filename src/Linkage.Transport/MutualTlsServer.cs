using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Linkage.Transport;

/// <summary>Kestrel with HTTP/2 over TLS only, requiring a client certificate issued by our authority.</summary>
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
            https.ClientCertificateValidation = (certificate, _, _) => tls.Trust.IsIssuedByAuthority(certificate);
        });
    }
}
