using Grpc.Core;

namespace Linkage.Network.Sim;

/// <summary>
/// A call that failed before anything reached the node (refused connection, failed or slow TLS handshake, a deadline
/// while still connecting): the node never saw the permit, so another node may take the call.
/// </summary>
public sealed class NodeNotTakenException(string node, RpcException failure)
    : Exception($"Gateway node {node} did not take the call ({failure.StatusCode}).", failure)
{
    public string Node { get; } = node;
    public StatusCode StatusCode => failure.StatusCode;
}
