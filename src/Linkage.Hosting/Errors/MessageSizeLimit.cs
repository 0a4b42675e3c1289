using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Grpc.Core;
using Linkage.Domain.Errors;
using Linkage.Hosting.Authentication;
using Linkage.Transport;
using Microsoft.AspNetCore.Http;

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
