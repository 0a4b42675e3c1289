using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Linkage.Transport;

/// <summary>
/// gRPC channels that present our certificate and accept only a server from our authority that carries serverAuth,
/// is not revoked and, when the caller says whom it means to reach, is that peer.
/// </summary>
public static partial class MutualTlsChannel
{
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    /// <param name="expected">The peer the server must be (institution and role); null accepts any server of our authority.</param>
    /// <param name="logger">Where a refused server is reported with its reason; the caller only sees the connection fail.</param>
    public static GrpcChannel Create(string address, TlsMaterial tls, ExpectedPeer? expected = null, ILogger? logger = null) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = CreateHandler(tls, expected, logger),
            MaxReceiveMessageSize = MaxMessageBytes,
            MaxSendMessageSize = MaxMessageBytes,
        });

    /// <inheritdoc cref="Create"/>
    public static SocketsHttpHandler CreateHandler(TlsMaterial tls, ExpectedPeer? expected = null, ILogger? logger = null) => new()
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
                && IsAcceptedServer(server, tls.Trust, expected, logger),
        },
    };

    private static bool IsAcceptedServer(X509Certificate2 server, CertificateTrust trust, ExpectedPeer? expected, ILogger? logger)
    {
        var verdict = trust.Verify(server, CertificateUsage.Server);
        if (verdict != CertificateVerdict.Accepted)
        {
            if (logger is not null) LogRefused(logger, verdict.ToString());
            return false;
        }
        if (expected is null) return true;
        var identity = PeerIdentity.FromCertificate(server);
        if (expected.Matches(identity)) return true;
        if (logger is not null)
            LogNotExpected(logger, expected.ToString(), identity is null ? "no identity" : $"{identity.Role} of {identity.InstitutionCode}");
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a server's certificate: {Verdict}")]
    private static partial void LogRefused(ILogger logger, string verdict);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a server's certificate: expected the {Expected}, it is the {Presented}")]
    private static partial void LogNotExpected(ILogger logger, string expected, string presented);
}
