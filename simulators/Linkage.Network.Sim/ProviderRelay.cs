using System.Collections.Concurrent;
using Grpc.Net.Client;
using Linkage.Contracts.V1;
using Linkage.Transport;
using Microsoft.Extensions.Options;

namespace Linkage.Network.Sim;

/// <summary>The hub's channels to the institutions' gateways, one per endpoint, made on first use.</summary>
public sealed class ProviderRelay(IOptions<HubOptions> options, TlsMaterial tls) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> _channels = new();

    public Provision.ProvisionClient? ClientFor(string institutionCode)
    {
        var endpoint = options.Value.Institutions.FirstOrDefault(i => i.Code == institutionCode)?.Endpoint;
        if (string.IsNullOrEmpty(endpoint)) return null;
        var channel = _channels.GetOrAdd(endpoint, e => new Lazy<GrpcChannel>(() => MutualTlsChannel.Create(e, tls))).Value;
        return new Provision.ProvisionClient(channel);
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values.Where(c => c.IsValueCreated)) channel.Value.Dispose();
    }
}
