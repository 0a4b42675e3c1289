using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Linkage.Domain.Errors;

namespace Linkage.Transport;

/// <summary>
/// The one mapping between domain errors and gRPC statuses: a google.rpc.Status with ErrorInfo (the reason) and,
/// for bad input, BadRequest field violations. Used by servers to send and by clients to read back.
/// </summary>
public static class DomainStatus
{
    public static RpcException ToRpcException(DomainException error)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)ToCode(error.Kind),
            Message = error.Message,
            Details = { Any.Pack(new ErrorInfo { Reason = error.Reason, Domain = ErrorReasons.Domain }) },
        };
        if (error.Violations.Count > 0)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(error.Violations.Select(v =>
                new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
            status.Details.Add(Any.Pack(badRequest));
        }
        return status.ToRpcException();
    }

    /// <summary>A peer's refusal as a domain error with the peer's reason; transport failures become PEER_UNAVAILABLE.</summary>
    public static DomainException ToDomainException(RpcException error)
    {
        var status = error.GetRpcStatus();
        var info = status?.GetDetail<ErrorInfo>();
        var violations = status?.GetDetail<BadRequest>()?.FieldViolations
            .Select(v => new FieldViolation(v.Field, v.Description)).ToList();
        var kind = FromCode(error.StatusCode);
        if (info?.Reason is "PEER_NOT_AUTHENTICATED" or "PEER_NOT_AUTHORIZED")
            // The peer refused this process's certificate: that is our configuration problem, not our caller's
            // permission, and must not reach the caller as if its own call had been refused.
            return new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.PeerRefused,
                "A peer refused this gateway's certificate; the operator must check its configuration.");
        if (info is null && IsFailedHandshake(error.Status.DebugException))
            // Most often our channel refused the server it reached (not our authority's, wrong usage, revoked, not
            // the peer expected), and this process's log says which; for our caller that peer is not reachable.
            return new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable,
                "The TLS handshake with the peer failed: the server reached is not the expected peer or its certificate is not valid here, " +
                "or it refused ours; the operator must check the address and the certificates.");
        if (info is null && IsBrokenTransport(error))
            // Nothing of the peer's came back: its answer, if it made one, is lost; an INTERNAL here would blame us.
            return new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable,
                "The connection to the peer broke before its answer came; the call may or may not have taken effect there.");
        var reason = info?.Reason ?? (kind == ErrorKind.Unavailable ? ErrorReasons.PeerUnavailable : ErrorReasons.Internal);
        return new DomainException(kind, reason, error.Status.Detail, violations);
    }

    /// <summary>
    /// The call broke in the transport rather than being answered: the stream was reset or the connection closed under
    /// it, so no status of the peer's came back, whatever code the client library gave it (gRPC maps an HTTP/2 stream
    /// reset with INTERNAL_ERROR to INTERNAL). A peer's own INTERNAL arrives as its status, without such a cause.
    /// </summary>
    public static bool IsBrokenTransport(RpcException error)
    {
        if (error.StatusCode is not (StatusCode.Internal or StatusCode.Unknown or StatusCode.Unavailable)
            || error.GetRpcStatus()?.GetDetail<ErrorInfo>() is not null) return false;
        for (var cause = error.Status.DebugException; cause is not null; cause = cause.InnerException)
            if (cause is HttpRequestException or IOException) return true;
        return false;
    }

    private static bool IsFailedHandshake(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
            if (error is System.Security.Authentication.AuthenticationException) return true;
        return false;
    }

    public static StatusCode ToCode(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => StatusCode.InvalidArgument,
        ErrorKind.NotFound => StatusCode.NotFound,
        ErrorKind.AlreadyExists => StatusCode.AlreadyExists,
        ErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
        ErrorKind.PermissionDenied => StatusCode.PermissionDenied,
        ErrorKind.Unauthenticated => StatusCode.Unauthenticated,
        ErrorKind.Unavailable => StatusCode.Unavailable,
        ErrorKind.ResourceExhausted => StatusCode.ResourceExhausted,
        ErrorKind.Internal => StatusCode.Internal,
        _ => StatusCode.Internal,
    };

    private static ErrorKind FromCode(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.OutOfRange => ErrorKind.InvalidArgument,
        StatusCode.NotFound => ErrorKind.NotFound,
        StatusCode.AlreadyExists => ErrorKind.AlreadyExists,
        StatusCode.FailedPrecondition => ErrorKind.FailedPrecondition,
        StatusCode.PermissionDenied => ErrorKind.PermissionDenied,
        StatusCode.Unauthenticated => ErrorKind.Unauthenticated,
        StatusCode.ResourceExhausted => ErrorKind.ResourceExhausted,
        StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss => ErrorKind.Internal,
        _ => ErrorKind.Unavailable,
    };
}
