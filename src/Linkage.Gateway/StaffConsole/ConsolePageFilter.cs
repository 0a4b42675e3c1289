using Linkage.Domain.Errors;
using Linkage.Gateway.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Linkage.Gateway.StaffConsole;

/// <summary>
/// Every console page: without an open session back to サインイン (saying why, and written to the operation log as a
/// refused call), and a refusal of the application services shown as a page in Japanese with its reason code; never a
/// stack trace.
/// </summary>
internal sealed class ConsolePageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (context.HandlerInstance is not ConsolePage { RequiresSession: false }
            && (http.FindRefusal() is { } refusal ? refusal : http.FindCaller()?.SessionId is null ? NoSession : null) is { } error)
        {
            // Logged as the gRPC port's AccessRefusalHandler logs a refused call: who, the path asked for, and why not.
            if (http.FindCaller() is { } caller)
                await http.RequestServices.GetRequiredService<Domain.Staff.IOperationLog>().AppendAsync(Domain.Staff.OperationEntry.Refused(
                    http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), caller, http.Request.Path.Value ?? "", error.Reason),
                    CancellationToken.None);
            context.Result = Show(http, error);
            return;
        }
        var executed = await next();
        if (executed.Exception is DomainException failure && !executed.ExceptionHandled)
        {
            executed.Result = Show(http, failure);
            executed.ExceptionHandled = true;
        }
    }

    private static readonly DomainException NoSession = new(ErrorKind.Unauthenticated, ErrorReasons.SessionRequired, "No session.");

    public static IActionResult Show(HttpContext http, DomainException error)
    {
        if (ConsoleMessages.IsSessionReason(error.Reason))
        {
            SessionCookie.Delete(http.Response);
            return new RedirectResult(error.Reason == ErrorReasons.SessionRequired ? "/" : $"/?reason={error.Reason}");
        }
        var (title, status) = error.Kind switch
        {
            ErrorKind.Unauthenticated => ("サインインできません", StatusCodes.Status401Unauthorized),
            ErrorKind.PermissionDenied => ("権限がありません", StatusCodes.Status403Forbidden),
            ErrorKind.NotFound => ("見つかりません", StatusCodes.Status404NotFound),
            ErrorKind.Unavailable => ("ただいま処理できません", StatusCodes.Status503ServiceUnavailable),
            ErrorKind.Internal => ("システムエラー", StatusCodes.Status500InternalServerError),
            ErrorKind.AlreadyExists or ErrorKind.FailedPrecondition => ("操作できませんでした", StatusCodes.Status409Conflict),
            _ => ("入力内容を確認してください", StatusCodes.Status400BadRequest),
        };
        return View(http, new ConsoleRefusal(title, ConsoleMessages.For(error), error.Reason, status));
    }

    public static ViewResult View(HttpContext http, ConsoleRefusal refusal) => new()
    {
        ViewName = "/StaffConsole/Pages/Shared/Refusal.cshtml",
        StatusCode = refusal.StatusCode,
        ViewData = new ViewDataDictionary<ConsoleRefusal>(http.RequestServices.GetRequiredService<IModelMetadataProvider>(), new ModelStateDictionary())
        {
            Model = refusal,
        },
    };
}
