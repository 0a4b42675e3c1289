using Grpc.Core;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Hosting.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Linkage.Gateway.Access;

/// <summary>
/// Every refusal by authentication or authorization: written to the operation log (who tried what, and why not),
/// then answered as a gRPC status with its machine-readable reason.
/// </summary>
public sealed class AccessRefusalHandler(IOperationLog log, TimeProvider clock) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        var (code, reason, message) = Refusal(context, authorizeResult);
        var caller = context.FindCaller();
        if (caller is not null)
            await log.AppendAsync(OperationEntry.Refused(clock.GetUtcNow(), caller, context.Request.Path.Value ?? "", reason), context.RequestAborted);
        await GrpcAuthorizationResultHandler.WriteRefusalAsync(context, code, reason, message);
    }

    private static (StatusCode Code, string Reason, string Message) Refusal(HttpContext context, PolicyAuthorizationResult result)
    {
        if (result.Challenged)
        {
            var failure = context.FindRefusal();
            return failure is null
                ? (StatusCode.Unauthenticated, GrpcAuthorizationResultHandler.NotAuthenticated, "The client certificate does not identify a known caller.")
                : (StatusCode.Unauthenticated, failure.Reason, failure.Message);
        }
        var reasons = result.AuthorizationFailure?.FailureReasons.Select(r => r.Message) ?? [];
        return reasons.Contains(ErrorReasons.SessionRequired)
            ? (StatusCode.Unauthenticated, ErrorReasons.SessionRequired, "Staff calls need a session: sign in first and send its token as a bearer.")
            : (StatusCode.PermissionDenied, ErrorReasons.PeerNotAuthorized, "This caller's role may not call this method.");
    }
}
