using Grpc.Net.Client;
using Linkage.Transport;

namespace Linkage.Cli;

/// <summary>Channels for the CLI and the simulators: a certificate PATH names a PEM pair "PATH.pem"/"PATH.key"; the authority is ca.pem beside it.</summary>
public static class Connections
{
    public static GrpcChannel Open(string address, string certificate, string? authority = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(certificate))!;
        foreach (var file in new[] { certificate + ".pem", certificate + ".key", authority ?? Path.Combine(folder, "ca.pem") })
            if (!File.Exists(file)) throw new FileNotFoundException($"No such file: {file}", file);
        var tls = TlsMaterial.Load(new TlsOptions
        {
            AuthorityCertificate = authority ?? Path.Combine(folder, "ca.pem"),
            Certificate = certificate + ".pem",
            PrivateKey = certificate + ".key",
        });
        return MutualTlsChannel.Create(address, tls);
    }
}
