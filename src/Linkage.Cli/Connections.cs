using Grpc.Net.Client;
using Linkage.Transport;

namespace Linkage.Cli;

/// <summary>
/// Channels for the CLI and the simulators: a certificate PATH names a PEM pair "PATH.pem"/"PATH.key"; the authority is
/// ca.pem beside it, and its revocation list ca.crl beside that when there is one.
/// </summary>
public static class Connections
{
    public static GrpcChannel Open(string address, string certificate, string? authority = null) =>
        MutualTlsChannel.Create(address, LoadTls(certificate, authority));

    /// <summary>A channel that also presents a staff session's token as bearer on every call.</summary>
    public static GrpcChannel Open(string address, TlsMaterial tls, string? bearerToken)
    {
        if (bearerToken is null) return MutualTlsChannel.Create(address, tls);
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new BearerTokenHandler(bearerToken, MutualTlsChannel.CreateHandler(tls)),
            MaxReceiveMessageSize = MutualTlsChannel.MaxMessageBytes,
            MaxSendMessageSize = MutualTlsChannel.MaxMessageBytes,
        });
    }

    public static TlsMaterial LoadTls(string certificate, string? authority = null)
    {
        var authorityPath = authority ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(certificate))!, "ca.pem");
        var revocationList = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(authorityPath))!, "ca.crl");
        var options = new TlsOptions
        {
            AuthorityCertificate = authorityPath,
            Certificate = certificate + ".pem",
            PrivateKey = certificate + ".key",
            RevocationList = File.Exists(revocationList) ? revocationList : "",
        };
        // Named here, so the operator reads which file is missing rather than a TLS error.
        foreach (var file in new[] { options.Certificate, options.PrivateKey, options.AuthorityCertificate })
            if (!File.Exists(file)) throw new FileNotFoundException($"No such file: {file}", file);
        return TlsMaterial.Load(options);
    }
}
