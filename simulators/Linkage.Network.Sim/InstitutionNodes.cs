using Grpc.Core;
using Linkage.Contracts.Metadata;
using Linkage.Contracts.V1;
using Linkage.Transport;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Linkage.Network.Sim;

/// <summary>
/// The gateway nodes of one institution: calls go round-robin over them, and a call that a node did not take moves on
/// to the next, each node at most once per call. A call that reached a node is never sent to another one (see
/// <see cref="RelayFailures"/>).
/// </summary>
public sealed partial class InstitutionNodes : IDisposable
{
    private readonly GatewayNode[] _nodes;
    private readonly ResiliencePipeline _failover;
    private readonly Metadata _audience;
    private int _turn = -1;

    public InstitutionNodes(InstitutionOptions institution, NodeFailoverOptions failover, TlsMaterial tls, ILogger logger)
    {
        Code = institution.Code;
        _nodes = institution.Nodes.Select((node, index) => new GatewayNode(Code, index, node, failover, tls, logger)).ToArray();
        _audience = new Metadata { { NetworkMetadata.Audience, Code } };
        var code = Code;
        _failover = _nodes.Length < 2 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NodeNotTakenException>().Handle<BrokenCircuitException>(),
            MaxRetryAttempts = _nodes.Length - 1,
            // The next attempt goes to another node: nothing to wait for.
            Delay = TimeSpan.Zero,
            OnRetry = args =>
            {
                LogMovedOn(logger, code, args.Outcome.Exception switch
                {
                    NodeNotTakenException notTaken => $"node {notTaken.Node}: {notTaken.StatusCode}",
                    _ => "its circuit is open",
                });
                return default;
            },
        }).Build();
    }

    public string Code { get; }

    public int Count => _nodes.Length;

    /// <summary>The call on the institution's nodes, all attempts within <paramref name="deadline"/>.</summary>
    public async Task<T> CallAsync<T>(Func<Provision.ProvisionClient, CallOptions, AsyncUnaryCall<T>> call, DateTime deadline, CancellationToken ct)
    {
        var first = (uint)Interlocked.Increment(ref _turn);
        var attempt = 0u;
        var options = new CallOptions(_audience, deadline, ct);
        return await _failover.ExecuteAsync(async token =>
        {
            var node = _nodes[(first + attempt++) % (uint)_nodes.Length];
            return await node.CallAsync(call, options.WithCancellationToken(token));
        }, ct);
    }

    public void Dispose()
    {
        foreach (var node in _nodes) node.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A gateway node of {Institution} did not take a relayed call ({Why}); trying the next")]
    private static partial void LogMovedOn(ILogger logger, string institution, string why);
}
