using Grpc.Net.Client;
using Linkage.Contracts.Registry.V1;
using Linkage.Transport;
using Microsoft.Extensions.Options;

namespace Linkage.Network.Sim;

/// <summary>The hub's channel to the resident registry, where acquisition numbers are redeemed.</summary>
public sealed class RegistryClient(IOptions<HubOptions> options, TlsMaterial tls) : IDisposable
{
    private readonly GrpcChannel _channel = MutualTlsChannel.Create(options.Value.RegistryAddress, tls);

    public ResidentRegistry.ResidentRegistryClient Client => new(_channel);

    public void Dispose() => _channel.Dispose();
}
