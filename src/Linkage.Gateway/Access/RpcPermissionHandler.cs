using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Microsoft.AspNetCore.Authorization;

namespace Linkage.Gateway.Access;

/// <summary>The fallback policy of every endpoint: the caller must be allowed by <see cref="RpcPermissions"/>.</summary>
public sealed class RpcPermissionRequirement : IAuthorizationRequirement;

public sealed class RpcPermissionHandler : AuthorizationHandler<RpcPermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RpcPermissionRequirement requirement)
    {
        if (context.Resource is not HttpContext http || http.FindCaller() is not { } caller) return Task.CompletedTask;
        var method = http.Request.Path.Value ?? "";
        var inSession = caller.SessionId is not null;
        if (RpcPermissions.Allows(method, caller, inSession))
            context.Succeed(requirement);
        else if (caller.Kind == CallerKind.Staff && !inSession && RpcPermissions.IsStaffMethod(method))
            context.Fail(new AuthorizationFailureReason(this, ErrorReasons.SessionRequired));
        else
            context.Fail(new AuthorizationFailureReason(this, ErrorReasons.PeerNotAuthorized));
        return Task.CompletedTask;
    }
}
