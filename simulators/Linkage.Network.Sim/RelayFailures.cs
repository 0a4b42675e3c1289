using Google.Rpc;
using Grpc.Core;
using Linkage.Domain.Errors;
using Polly.CircuitBreaker;

namespace Linkage.Network.Sim;

/// <summary>How a relayed call that failed reaches the hub's caller.</summary>
public static class RelayFailures
{
    /// <summary>A failure of the connection or the node's process rather than an answer of the node (which carries its reason).</summary>
    public static bool IsTransport(RpcException error) =>
        error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown
        && error.GetRpcStatus()?.GetDetail<ErrorInfo>() is null;

    /// <summary>The exception for the hub's caller, or null when the failure is to be passed on as it came.</summary>
    public static Exception? Translate(Exception failure, string institution, int nodes) => failure switch
    {
        NodeNotTakenException or BrokenCircuitException => new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable,
            $"None of the {nodes} gateway node(s) of institution {institution} took the call: not reachable, refused in the TLS handshake, " +
            "or paused after failures."),
        // The node may have used the permit before it failed. The permit is single-use: another node would refuse it as
        // a replay (or, were the nodes' replay guards apart, answer a second time), so the inquirer is told plainly
        // and asks again with a new permit.
        RpcException { StatusCode: not StatusCode.Cancelled } error when IsTransport(error) => new DomainException(ErrorKind.Unavailable,
            ErrorReasons.PeerUnavailable,
            $"A gateway node of institution {institution} failed after the call reached it ({error.StatusCode}); it may have used the permit, " +
            "so the call was not sent to another node. Ask again with a new permit."),
        // The node's own refusal reaches the caller as it was given, reason and all.
        RpcException { StatusCode: not StatusCode.Cancelled } error => new RpcException(error.Status, error.Trailers),
        _ => null,
    };
}
