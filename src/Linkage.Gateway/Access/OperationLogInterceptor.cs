using Grpc.Core;
using Grpc.Core.Interceptors;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;

namespace Linkage.Gateway.Access;

/// <summary>
/// Every call by staff, reads included, and every hold flag change by a system goes to the operation log with its
/// target and how it ended; the entry is durable before the answer leaves. Other calls of systems and the hub are
/// recorded elsewhere (copy versions, provision records), and their refusals by <see cref="AccessRefusalHandler"/>.
/// </summary>
public sealed class OperationLogInterceptor(IOperationLog log, TimeProvider clock) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var caller = context.GetHttpContext().FindCaller();
        // Not awaited when there is nothing to log: the hub's provisions pass here thousands of times a second.
        return caller is not null && IsOperation(caller, request)
            ? LoggedAsync(caller, request, context, continuation)
            : continuation(request, context);
    }

    // A hold flag decides whose answers wait for a person, so its changes are logged whoever makes them; the system's
    // requests are Administration's messages, so the kind of request says it for either service.
    private static bool IsOperation(Caller caller, object request) =>
        caller.Kind == CallerKind.Staff
        || (caller.Kind == CallerKind.System && request is Contracts.V1.SetHoldFlagRequest or Contracts.V1.ClearHoldFlagRequest);

    private async Task<TResponse> LoggedAsync<TRequest, TResponse>(
        Caller caller, TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class where TResponse : class
    {
        TResponse response;
        try
        {
            response = await continuation(request, context);
        }
        catch (Exception error)
        {
            var (outcome, reason) = error switch
            {
                DomainException { Kind: ErrorKind.Internal or ErrorKind.Unavailable } refusal => (OperationOutcome.Failed, refusal.Reason),
                DomainException refusal => (OperationOutcome.Refused, refusal.Reason),
                RpcException rpc => (OperationOutcome.Failed, rpc.StatusCode.ToString()),
                _ => (OperationOutcome.Failed, ErrorReasons.Internal),
            };
            await AppendAsync(caller, context, OperationTargets.Of(request, null), outcome, reason);
            throw;
        }
        await AppendAsync(caller, context, OperationTargets.Of(request, response), OperationOutcome.Done, "");
        return response;
    }

    private Task AppendAsync(Caller caller, ServerCallContext context, OperationTarget target, OperationOutcome outcome, string reason) =>
        // Not cancellable: a call that ran must be in the log even if its caller has gone.
        log.AppendAsync(new OperationEntry(clock.GetUtcNow(), caller.Kind, caller.Id, target.SessionId ?? caller.SessionId ?? "",
            context.Method, target.Text, outcome, reason), CancellationToken.None);
}
