using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Grpc.Core;
using Linkage.Domain.Errors;
using Linkage.Hosting.Authentication;
using Linkage.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Linkage.Hosting.Errors;

/// <summary>
/// Refuses a gRPC request whose first message says it is longer than <see cref="MutualTlsChannel.MaxMessageBytes"/>,
/// from the 5-byte frame header alone and before the message is read, as RESOURCE_EXHAUSTED with the reason
/// MESSAGE_TOO_LARGE: grpc-dotnet refuses it at the same limit, but without a reason. A later message of a client
/// stream over the limit is still refused by grpc-dotnet, without one.
/// </summary>
public static class MessageSizeLimit
{
    private const int FrameHeaderBytes = 5;

    public static async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            await next(context);
            return;
        }
        // grpc-dotnet lifts Kestrel's limit on a request's whole body (30 MB) for its calls, whose messages are bounded
        // one by one and whose streams by the gateway's own limits; it cannot once the body has been read, which this
        // check does first. Left in place, a bulk copy stream broke off past 30 MB as an internal error.
        var bodySize = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false }) bodySize.MaxRequestBodySize = null;
        var reader = context.Request.BodyReader;
        ReadResult read;
        try
        {
            read = await reader.ReadAtLeastAsync(FrameHeaderBytes, context.RequestAborted);
        }
        catch (Exception gone) when (gone is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            return; // the caller went away before its first message: nothing to answer
        }
        var length = DeclaredLength(read.Buffer);
        // Nothing consumed: grpc-dotnet reads the message itself, from its first byte.
        reader.AdvanceTo(read.Buffer.Start);
        if (length > MutualTlsChannel.MaxMessageBytes)
        {
            await GrpcAuthorizationResultHandler.WriteRefusalAsync(context, StatusCode.ResourceExhausted, ErrorReasons.MessageTooLarge,
                $"A message may be at most {MutualTlsChannel.MaxMessageBytes} bytes.");
            return;
        }
        await next(context);
    }

    /// <summary>The length the first frame header declares (big-endian after the compression flag), or 0 before a whole header.</summary>
    private static long DeclaredLength(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < FrameHeaderBytes) return 0;
        Span<byte> header = stackalloc byte[FrameHeaderBytes];
        buffer.Slice(0, FrameHeaderBytes).CopyTo(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
    }
}
