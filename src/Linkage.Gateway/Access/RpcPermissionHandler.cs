using Microsoft.AspNetCore.Authorization;

namespace Linkage.Gateway.Access;

/// <summary>The fallback policy of every endpoint: the caller must be allowed by <see cref="RpcPermissions"/>.</summary>
public sealed class RpcPermissionRequirement : IAuthorizationRequirement;

public sealed class RpcPermissionHandler : AuthorizationHandler<RpcPermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RpcPermissionRequirement requirement)
    {
        if (context.Resource is not HttpContext http || http.FindCaller() is not { } caller) return Task.CompletedTask;
        if (RpcPermissions.RefusalOf(http.Request.Path.Value ?? "", caller) is { } reason)
            context.Fail(new AuthorizationFailureReason(this, reason));
        else
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
