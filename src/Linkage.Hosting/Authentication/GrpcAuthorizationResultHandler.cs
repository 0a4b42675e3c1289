using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Linkage.Domain.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Linkage.Hosting.Authentication;

/// <summary>
/// Refusals by authorization as proper gRPC statuses (trailers-only responses with ErrorInfo), instead of the bare
/// HTTP 401/403 that a gRPC client can only report as "bad gRPC response".
/// </summary>
public sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    public const string NotAuthenticated = "PEER_NOT_AUTHENTICATED";
    public const string NotAuthorized = ErrorReasons.PeerNotAuthorized;

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
            return _default.HandleAsync(next, context, policy, authorizeResult);

        var (code, reason, message) = authorizeResult.Challenged
            ? (Grpc.Core.StatusCode.Unauthenticated, NotAuthenticated, "The client certificate does not identify a known peer.")
            : (Grpc.Core.StatusCode.PermissionDenied, NotAuthorized, "This peer's role or institution may not call this method.");
        return WriteRefusalAsync(context, code, reason, message);
    }

    /// <summary>A domain refusal written before any service code runs, with the status its kind maps to (<see cref="Linkage.Transport.DomainStatus"/>).</summary>
    public static Task WriteRefusalAsync(HttpContext context, DomainException refusal) =>
        WriteRefusalAsync(context, Linkage.Transport.DomainStatus.ToCode(refusal.Kind), refusal.Reason, refusal.Message);

    /// <summary>A refusal as a trailers-only gRPC response with ErrorInfo, written before any service code runs.</summary>
    public static Task WriteRefusalAsync(HttpContext context, Grpc.Core.StatusCode code, string reason, string message)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)code,
            Message = message,
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = ErrorReasons.Domain }) },
        };

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        context.Response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
        return Task.CompletedTask;
    }
}