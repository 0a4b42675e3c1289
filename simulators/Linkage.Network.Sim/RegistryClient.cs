using Linkage.Domain.Staff;
using Grpc.Net.Client;
using Linkage.Contracts.Registry.V1;
using Linkage.Transport;
using Microsoft.Extensions.Options;

namespace Linkage.Network.Sim;

/// <summary>The hub's channel to the resident registry, where acquisition numbers are redeemed; it must reach the registry itself.</summary>
public sealed class RegistryClient(IOptions<HubOptions> options, TlsMaterial tls, ILogger<RegistryClient> logger) : IDisposable
{
    private readonly GrpcChannel _channel = MutualTlsChannel.Create(options.Value.RegistryAddress, tls,
        new ExpectedPeer(options.Value.RegistryInstitutionCode, Roles.Network), logger);

    public ResidentRegistry.ResidentRegistryClient Client => new(_channel);

    public void Dispose() => _channel.Dispose();
}
