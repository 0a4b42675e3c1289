using System.Net;

namespace Linkage.Network.Sim;

/// <summary>
/// Whether one relayed call got as far as the node: set once the HTTP/2 stream to the node is open and the request
/// body starts to go out, which is after its headers were written. Until then nothing was sent and the node cannot have
/// seen the permit; from then on it may have, whatever happens next.
/// </summary>
/// <remarks>
/// A gRPC server sends its response headers together with a unary answer, so "no response headers yet" says nothing
/// about whether the node is working on the call; only our own side of the stream can tell that nothing left.
/// </remarks>
public sealed class NodeHandoff
{
    private static readonly AsyncLocal<NodeHandoff?> Current = new();
    private volatile bool _reached;

    public bool Reached => _reached;

    /// <summary>Starts tracking the call made next in this async flow; the node's handler marks it.</summary>
    public static NodeHandoff Track() => Current.Value = new NodeHandoff();

    /// <summary>The HTTP handler of a node's channel: it marks the tracked call when its request starts to go out.</summary>
    public static DelegatingHandler Handler(HttpMessageHandler inner) => new MarkingHandler(inner);

    private sealed class MarkingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Current.Value is { } handoff && request.Content is { } content) request.Content = new MarkingContent(content, handoff);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class MarkingContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly NodeHandoff _handoff;

        public MarkingContent(HttpContent inner, NodeHandoff handoff)
        {
            _inner = inner;
            _handoff = handoff;
            foreach (var header in inner.Headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            _handoff._reached = true;
            return _inner.CopyToAsync(stream, context, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
