using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Errors;
using Linkage.Transport;
using Microsoft.Extensions.Options;

namespace Linkage.Network.Sim;

/// <summary>
/// The hub's calls to the institutions' gateways: inquiries to providers and held answers to inquirers, spread over
/// each institution's nodes (<see cref="InstitutionNodes"/>), each carrying the institution it is for
/// (<see cref="Linkage.Contracts.Metadata.NetworkMetadata.Audience"/>). Members without nodes are not served here.
/// </summary>
public sealed class ProviderRelay : IDisposable
{
    private readonly Dictionary<string, InstitutionNodes> _institutions;
    private readonly TimeSpan _timeout;

    public ProviderRelay(IOptions<HubOptions> options, TlsMaterial tls, ILogger<ProviderRelay> logger)
    {
        var hub = options.Value;
        _timeout = hub.RelayTimeout;
        _institutions = hub.Institutions.Where(i => i.Nodes.Count > 0)
            .ToDictionary(i => i.Code, i => new InstitutionNodes(i, hub.Failover, tls, logger), StringComparer.Ordinal);
    }

    /// <summary>Whether the institution has gateway nodes to relay to.</summary>
    public bool Serves(string institution) => _institutions.ContainsKey(institution);

    public Task<ProvisionAnswer> ProvideAsync(string provider, RelayedInquiry inquiry, CancellationToken ct) =>
        CallAsync(provider, (client, options) => client.ProvideAsync(inquiry, options), ct);

    public Task<DeliveryReceipt> DeliverAnswerAsync(string inquirer, DeliveredAnswer answer, CancellationToken ct) =>
        CallAsync(inquirer, (client, options) => client.DeliverAnswerAsync(answer, options), ct);

    private async Task<T> CallAsync<T>(string institution, Func<Provision.ProvisionClient, Grpc.Core.CallOptions, Grpc.Core.AsyncUnaryCall<T>> call,
        CancellationToken ct)
    {
        var nodes = _institutions.GetValueOrDefault(institution) ?? throw new DomainException(
            ErrorKind.Unavailable, ErrorReasons.PeerUnavailable, "The institution is not reachable through this network.");
        try
        {
            return await nodes.CallAsync(call, DateTime.UtcNow + _timeout, ct);
        }
        catch (Exception failure) when (RelayFailures.Translate(failure, institution, nodes.Count) is { } translated)
        {
            throw translated;
        }
    }

    public void Dispose()
    {
        foreach (var nodes in _institutions.Values) nodes.Dispose();
    }
}
