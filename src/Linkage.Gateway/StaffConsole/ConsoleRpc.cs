using Grpc.Core;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;

namespace Linkage.Gateway.StaffConsole;

/// <summary>
/// How a console page acts: as an in-process call of the gRPC service that staff's command line calls, under the
/// same rule of <see cref="RpcPermissions"/> and through the same <see cref="OperationLogInterceptor"/>, so the
/// operation log cannot tell a console action from the same RPC (docs/decisions/0010). No page reads data otherwise.
/// </summary>
public sealed class ConsoleRpc(IOperationLog log, TimeProvider clock)
{
    public async Task<TResponse> CallAsync<TService, TRequest, TResponse>(HttpContext http, string method, TRequest request,
        Func<TService, TRequest, ServerCallContext, Task<TResponse>> call)
        where TService : class where TRequest : class where TResponse : class
    {
        await AuthorizeAsync(http, method);
        var service = ActivatorUtilities.CreateInstance<TService>(http.RequestServices);
        var interceptor = ActivatorUtilities.CreateInstance<OperationLogInterceptor>(http.RequestServices);
        return await interceptor.UnaryServerHandler(request, new ConsoleCallContext(http, method),
            (r, context) => call(service, r, context));
    }

    /// <summary>Whether the signed-in caller may call <paramref name="method"/>: what the console shows as links.</summary>
    public static bool Allows(HttpContext http, string method) =>
        http.FindCaller() is { } caller && http.FindRefusal() is null && RpcPermissions.Allows(method, caller, caller.SessionId is not null);

    /// <summary>The refusals of <see cref="AccessRefusalHandler"/>, logged the same way, thrown for the page filter to show.</summary>
    public async Task AuthorizeAsync(HttpContext http, string method)
    {
        var caller = http.FindCaller();
        if (http.FindRefusal() is { } refusal)
        {
            await LogRefusalAsync(caller, method, refusal.Reason);
            throw refusal;
        }
        if (caller is null)
            throw new DomainException(ErrorKind.Unauthenticated, Hosting.Authentication.GrpcAuthorizationResultHandler.NotAuthenticated, "The client certificate does not identify a known caller.");
        if (RpcPermissions.RefusalOf(method, caller) is not { } reason) return;
        await LogRefusalAsync(caller, method, reason);
        throw reason == ErrorReasons.SessionRequired
            ? new DomainException(ErrorKind.Unauthenticated, reason, "Staff calls need a session: sign in first.")
            : new DomainException(ErrorKind.PermissionDenied, reason, "This caller's role may not call this method.");
    }

    private Task LogRefusalAsync(Caller? caller, string method, string reason) => caller is null
        ? Task.CompletedTask
        : log.AppendAsync(OperationEntry.Refused(clock.GetUtcNow(), caller, method, reason), CancellationToken.None);
}
