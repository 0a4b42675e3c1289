using Linkage.Domain.Staff;
using System.Collections.Concurrent;
using Grpc.Net.Client;
using Linkage.Contracts.V1;
using Linkage.Transport;
using Microsoft.Extensions.Options;

namespace Linkage.Network.Sim;

/// <summary>
/// The hub's channels to the institutions' gateways, one per institution, made on first use; each must reach that
/// institution's gateway, not merely some holder of a certificate.
/// </summary>
public sealed class ProviderRelay(IOptions<HubOptions> options, TlsMaterial tls, ILogger<ProviderRelay> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> _channels = new();

    public Provision.ProvisionClient? ClientFor(string institutionCode)
    {
        var endpoint = options.Value.Institutions.FirstOrDefault(i => i.Code == institutionCode)?.Endpoint;
        if (string.IsNullOrEmpty(endpoint)) return null;
        var channel = _channels.GetOrAdd(institutionCode, code => new Lazy<GrpcChannel>(() =>
            MutualTlsChannel.Create(endpoint, tls, new ExpectedPeer(code, Roles.Gateway), logger))).Value;
        return new Provision.ProvisionClient(channel);
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values.Where(c => c.IsValueCreated)) channel.Value.Dispose();
    }
}
