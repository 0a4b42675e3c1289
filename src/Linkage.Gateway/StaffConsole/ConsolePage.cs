using Grpc.Core;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Linkage.Gateway.StaffConsole;

/// <summary>A console page model: thin, it calls the staff RPCs in-process through <see cref="ConsoleRpc"/> and renders their views.</summary>
public abstract class ConsolePage : PageModel
{
    /// <summary>Only サインイン opens without a session.</summary>
    public virtual bool RequiresSession => true;

    public Caller? Caller => HttpContext.FindCaller();

    /// <summary>For a page that shows a form before any call: refused as its RPC would be.</summary>
    protected Task RequireAsync(string method) => HttpContext.RequestServices.GetRequiredService<ConsoleRpc>().AuthorizeAsync(HttpContext, method);

    protected Task<TResponse> CallAsync<TService, TRequest, TResponse>(string method, TRequest request,
        Func<TService, TRequest, ServerCallContext, Task<TResponse>> call)
        where TService : class where TRequest : class where TResponse : class =>
        HttpContext.RequestServices.GetRequiredService<ConsoleRpc>().CallAsync(HttpContext, method, request, call);
}
