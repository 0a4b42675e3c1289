using Grpc.Core;
using Linkage.Domain.Errors;
using Linkage.Gateway.Access;
using Linkage.Hosting.Authentication;
using Linkage.Transport;

namespace Linkage.Gateway.Platform;

/// <summary>
/// The node's one middleware: places each call with the institution it is addressed to (<see cref="CallAudience"/>:
/// a system's or staff member's certificate by its institution, the hub's by the institution it names) and runs it
/// through that institution's gateway, which decides everything else: who the caller is, what it may do, whether a
/// permit is for this institution, and records it. A call that cannot be placed is refused here with its reason, as a
/// gRPC status (a page gets the bare HTTP status), and logged with institution codes and roles only.
/// </summary>
public sealed partial class CallPlacement(HostedInstitutions institutions, string nodeId, ILogger<CallPlacement> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var certificate = context.Connection.ClientCertificate;
        var peer = certificate is null ? null : PresentedIdentity.Of(context, certificate).Peer;
        if (peer is null)
            return RefuseAsync(context, peer, null, StatusCode.Unauthenticated, GrpcAuthorizationResultHandler.NotAuthenticated,
                "The client certificate does not name an institution, a known role and a name.");
        if (CallAudience.Of(peer, context.Request.Headers) is not { } audience)
            return RefuseAsync(context, peer, null, StatusCode.InvalidArgument, ErrorReasons.AudienceRequired,
                $"A call of the network names the institution it is for in the {CallAudience.Header} header (16 digits).");
        var institution = institutions.Find(audience);
        if (institution is null)
            return RefuseAsync(context, peer, audience, StatusCode.PermissionDenied, ErrorReasons.InstitutionNotServed,
                "This node does not serve the institution this call is for.");
        if (!institution.IsServing)
            return RefuseAsync(context, peer, audience, StatusCode.Unavailable, ErrorReasons.InstitutionNotStarted,
                "This institution's gateway did not start on this node; its operator has been told why.");
        return institution.InvokeAsync(context);
    }

    private Task RefuseAsync(HttpContext context, PeerIdentity? peer, string? audience, StatusCode code, string reason, string message)
    {
        var isGrpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
        // The method names a service, never data; a page's path might carry an id, so pages are only called pages.
        Refused(logger, nodeId, isGrpc ? context.Request.Path.Value ?? "" : "a console page", peer?.Role ?? "unidentified",
            peer?.InstitutionCode ?? "none", audience ?? "none", reason);
        if (isGrpc) return GrpcAuthorizationResultHandler.WriteRefusalAsync(context, code, reason, message);
        context.Response.StatusCode = code switch
        {
            StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
            StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
            StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status403Forbidden,
        };
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync($"{reason}: {message}\n");
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Platform node {Node} refused {Method} by a {Role} certificate of {CertificateInstitution} for {Audience}: {Reason}")]
    private static partial void Refused(ILogger logger, string node, string method, string role, string certificateInstitution,
        string audience, string reason);
}
