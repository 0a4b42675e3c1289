using Grpc.Core;
using Grpc.Net.Client;
using Linkage.Contracts.Network.V1;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Transport;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace Linkage.Network.Client;

/// <summary>
/// The one mTLS channel to the hub (which must present the network role and the hub's institution code), with
/// deadlines on every call, resilience for repeatable calls, and the hub's refusals turned back into domain errors
/// with the hub's reason.
/// </summary>
public sealed partial class HubConnection : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly NetworkClientOptions _options;
    private readonly ResiliencePipeline _repeatable;
    private readonly ResiliencePipeline? _once;

    /// <param name="logger">Where a refused hub certificate is reported with its reason.</param>
    public HubConnection(NetworkClientOptions options, TlsMaterial tls, ILogger? logger = null)
    {
        if (options.HubInstitutionCode is not { Length: 16 } code || !code.All(char.IsAsciiDigit))
            throw new ArgumentException("The hub's institution code is required: it is what the hub's certificate must name.", nameof(options));
        _options = options;
        _channel = MutualTlsChannel.Create(options.HubAddress, tls, new ExpectedPeer(options.HubInstitutionCode, Roles.Network), logger);
        Client = new ProvisionNetwork.ProvisionNetworkClient(_channel);
        _repeatable = HubResilience.Build(options);
        _once = HubResilience.BuildOnce(options);
        if (options.Chaos.Enabled && logger is not null) LogChaos(logger, options.Chaos.FaultRate, options.Chaos.LatencyRate);
    }

    public ProvisionNetwork.ProvisionNetworkClient Client { get; }

    public CallOptions Options(CancellationToken ct) => new(deadline: DateTime.UtcNow + _options.CallTimeout, cancellationToken: ct);

    /// <summary>A call that may safely be sent again: retried on transport failures, behind the circuit breaker.</summary>
    public Task<T> RepeatableAsync<T>(Func<CallOptions, Task<T>> call, CancellationToken ct) =>
        TranslateAsync(() => _repeatable.ExecuteAsync(async token => await call(Options(token)), ct).AsTask());

    /// <summary>A call that must not be repeated (it may have taken effect): one attempt (which chaos, if on, may fail first).</summary>
    public Task<T> OnceAsync<T>(Func<CallOptions, Task<T>> call, CancellationToken ct) =>
        TranslateAsync(() => _once is null ? call(Options(ct)) : _once.ExecuteAsync(async token => await call(Options(token)), ct).AsTask());

    private static async Task<T> TranslateAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException error) when (error.StatusCode != StatusCode.Cancelled)
        {
            throw DomainStatus.ToDomainException(error);
        }
        catch (BrokenCircuitException)
        {
            throw new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable,
                "The provision network is not reachable; calls are paused for a moment.");
        }
    }

    public void Dispose() => _channel.Dispose();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Chaos is on for calls to the hub (Network:Chaos): {FaultRate:P0} fail, {LatencyRate:P0} are held back; not for production")]
    private static partial void LogChaos(ILogger logger, double faultRate, double latencyRate);
}
