using Grpc.Core;
using Grpc.Core.Interceptors;
using Linkage.Domain.Errors;
using Linkage.Transport;
using Microsoft.Extensions.Logging;

namespace Linkage.Hosting.Errors;

/// <summary>
/// The single place where failures become gRPC statuses: domain refusals keep their reason; anything unexpected is
/// logged once and answered as INTERNAL without details, so no internal state or personal data leaks to a caller.
/// </summary>
public sealed partial class DomainErrorInterceptor(ILogger<DomainErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(request, context); }
        catch (Exception error) { throw Map(error, context); }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(requestStream, context); }
        catch (Exception error) { throw Map(error, context); }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(request, responseStream, context); }
        catch (Exception error) { throw Map(error, context); }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(requestStream, responseStream, context); }
        catch (Exception error) { throw Map(error, context); }
    }

    private Exception Map(Exception error, ServerCallContext context)
    {
        switch (error)
        {
            case DomainException refusal:
                LogRefused(logger, context.Method, refusal.Reason);
                return DomainStatus.ToRpcException(refusal);
            case RpcException:
                return error;
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
            case IOException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
            default:
                LogUnhandled(logger, error, context.Method);
                return DomainStatus.ToRpcException(new DomainException(ErrorKind.Internal, ErrorReasons.Internal,
                    "An internal error occurred."));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} with {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure in {Method}")]
    private static partial void LogUnhandled(ILogger logger, Exception error, string method);
}
