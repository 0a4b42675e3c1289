using Grpc.Net.Client;
using Linkage.Transport;

namespace Linkage.Cli;

/// <summary>Channels for the CLI: --cert names a PEM pair "NAME.pem"/"NAME.key"; the authority is ca.pem beside it.</summary>
public static class Connections
{
    public static GrpcChannel Open(Arguments args, string addressOption = "address")
    {
        var cert = args.Required("cert");
        var folder = Path.GetDirectoryName(Path.GetFullPath(cert))!;
        var tls = TlsMaterial.Load(new TlsOptions
        {
            AuthorityCertificate = args.Optional("ca", Path.Combine(folder, "ca.pem")),
            Certificate = cert + ".pem",
            PrivateKey = cert + ".key",
        });
        return MutualTlsChannel.Create(args.Required(addressOption), tls);
    }
}
