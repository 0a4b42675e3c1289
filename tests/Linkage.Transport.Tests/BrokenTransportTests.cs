using Grpc.Core;
using Linkage.Domain.Errors;

namespace Linkage.Transport.Tests;

/// <summary>
/// A call whose stream the peer reset is a broken connection, not an internal error of either side: it reads back as
/// PEER_UNAVAILABLE. A peer's own INTERNAL status stays INTERNAL.
/// </summary>
public sealed class BrokenTransportTests
{
    private static RpcException Reset() => new(new Status(StatusCode.Internal,
        "Error starting gRPC call. HttpProtocolException: The HTTP/2 server reset the stream. HTTP/2 error code 'INTERNAL_ERROR' (0x2).",
        new HttpRequestException("An error occurred while sending the request.",
            new HttpProtocolException(2, "The HTTP/2 server reset the stream. HTTP/2 error code 'INTERNAL_ERROR' (0x2).", null))));

    [Fact]
    public void A_reset_stream_reads_back_as_the_peer_unavailable()
    {
        Assert.True(DomainStatus.IsBrokenTransport(Reset()));
        var error = DomainStatus.ToDomainException(Reset());
        Assert.Equal((ErrorKind.Unavailable, ErrorReasons.PeerUnavailable), (error.Kind, error.Reason));
    }

    [Fact]
    public void The_peers_own_internal_status_stays_internal()
    {
        var answered = new RpcException(new Status(StatusCode.Internal, "Exception was thrown by handler."));
        Assert.False(DomainStatus.IsBrokenTransport(answered));
        Assert.Equal(ErrorReasons.Internal, DomainStatus.ToDomainException(answered).Reason);
        Assert.False(DomainStatus.IsBrokenTransport(new RpcException(new Status(StatusCode.NotFound, "no", new IOException("closed")))));
    }
}
