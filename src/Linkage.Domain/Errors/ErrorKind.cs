namespace Linkage.Domain.Errors;

/// <summary>The class of a domain error; the gateway maps each kind to one gRPC status code.</summary>
public enum ErrorKind
{
    InvalidArgument,
    NotFound,
    AlreadyExists,
    FailedPrecondition,
    PermissionDenied,
    Unauthenticated,
    Unavailable,
    ResourceExhausted,
    Internal,
}
