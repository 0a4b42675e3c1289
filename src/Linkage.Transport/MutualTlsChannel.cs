using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Linkage.Transport;

/// <summary>gRPC channels that present our certificate and accept only servers issued by our authority.</summary>
public static class MutualTlsChannel
{
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    public static GrpcChannel Create(string address, TlsMaterial tls) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = CreateHandler(tls),
            MaxReceiveMessageSize = MaxMessageBytes,
            MaxSendMessageSize = MaxMessageBytes,
        });

    public static SocketsHttpHandler CreateHandler(TlsMaterial tls) => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = new X509CertificateCollection { tls.Certificate },
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is X509Certificate2 server
                && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
                && tls.Trust.IsIssuedByAuthority(server),
        },
    };
}
