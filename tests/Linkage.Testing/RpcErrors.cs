using Google.Rpc;
using Grpc.Core;

namespace Linkage.Testing;

public static class RpcErrors
{
    /// <summary>The google.rpc.ErrorInfo reason of a failed call, or null.</summary>
    public static string? Reason(this RpcException error) => error.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;

    public static IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations(this RpcException error) =>
        error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.ToList() ?? [];
}
