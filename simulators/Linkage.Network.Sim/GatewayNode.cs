using Grpc.Core;
using Grpc.Net.Client;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Transport;
using Polly;
using Polly.CircuitBreaker;

namespace Linkage.Network.Sim;

/// <summary>
/// One gateway node of an institution: its own channel, which accepts only the expected peer's certificate, and its
/// own circuit breaker, so that a node that keeps failing is skipped for a while without holding up the others.
/// </summary>
public sealed partial class GatewayNode : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Provision.ProvisionClient _client;
    private readonly ResiliencePipeline _breaker;

    public GatewayNode(string institution, int index, GatewayNodeOptions node, NodeFailoverOptions failover, TlsMaterial tls, ILogger logger)
    {
        Name = $"{index + 1} of {institution} ({node.Url})";
        var expected = new ExpectedPeer(node.Peer.Length > 0 ? node.Peer : institution, Roles.Gateway);
        var handler = MutualTlsChannel.CreateHandler(tls, expected, logger);
        // Nothing has left for the node while connecting, so a node that is slow to accept counts as not taking the call.
        handler.ConnectTimeout = failover.ConnectTimeout;
        _channel = GrpcChannel.ForAddress(node.Url, new GrpcChannelOptions
        {
            HttpHandler = NodeHandoff.Handler(handler),
            MaxReceiveMessageSize = MutualTlsChannel.MaxMessageBytes,
            MaxSendMessageSize = MutualTlsChannel.MaxMessageBytes,
        });
        _client = new Provision.ProvisionClient(_channel);
        var name = Name;
        _breaker = new ResiliencePipelineBuilder().AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NodeNotTakenException>().Handle<RpcException>(RelayFailures.IsTransport),
            FailureRatio = failover.FailureRatio,
            MinimumThroughput = failover.MinimumThroughput,
            SamplingDuration = failover.SamplingDuration,
            BreakDuration = failover.BreakDuration,
            OnOpened = args =>
            {
                LogOpened(logger, name, args.BreakDuration);
                return default;
            },
            OnClosed = _ =>
            {
                LogClosed(logger, name);
                return default;
            },
        }).Build();
    }

    /// <summary>"2 of 1000082210000000 (https://…)": for logs and messages; names no person.</summary>
    public string Name { get; }

    /// <summary>
    /// One attempt on this node, unless its circuit is open (<see cref="BrokenCircuitException"/>). A failure before
    /// the call reached the node is a <see cref="NodeNotTakenException"/>; any later one is the node's, as it came.
    /// </summary>
    public ValueTask<T> CallAsync<T>(Func<Provision.ProvisionClient, CallOptions, AsyncUnaryCall<T>> call, CallOptions options) =>
        _breaker.ExecuteAsync(static async (state, token) =>
        {
            var handoff = NodeHandoff.Track();
            try
            {
                return await state.call(state.node._client, state.options.WithCancellationToken(token));
            }
            catch (RpcException failure) when (!handoff.Reached && !token.IsCancellationRequested)
            {
                throw new NodeNotTakenException(state.node.Name, failure);
            }
        }, (node: this, call, options), options.CancellationToken);

    public void Dispose() => _channel.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway node {Node} keeps failing; calls skip it for {Break}")]
    private static partial void LogOpened(ILogger logger, string node, TimeSpan @break);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway node {Node} takes calls again")]
    private static partial void LogClosed(ILogger logger, string node);
}
