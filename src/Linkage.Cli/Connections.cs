using Grpc.Net.Client;
using Linkage.Transport;

namespace Linkage.Cli;

/// <summary>Channels for the CLI and the simulators: a certificate PATH names a PEM pair "PATH.pem"/"PATH.key"; the authority is ca.pem beside it.</summary>
public static class Connections
{
    public static GrpcChannel Open(string address, string certificate, string? authority = null)
    {
        var options = new TlsOptions
        {
            AuthorityCertificate = authority ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(certificate))!, "ca.pem"),
            Certificate = certificate + ".pem",
            PrivateKey = certificate + ".key",
        };
        // Named here, so the operator reads which file is missing rather than a TLS error.
        foreach (var file in new[] { options.Certificate, options.PrivateKey, options.AuthorityCertificate })
            if (!File.Exists(file)) throw new FileNotFoundException($"No such file: {file}", file);
        var tls = TlsMaterial.Load(options);
        return MutualTlsChannel.Create(address, tls);
    }
}
