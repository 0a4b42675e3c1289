using Grpc.Core;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;

namespace Linkage.Gateway.Access;

/// <summary>The caller that authentication resolved, kept on the request for authorization, services and the operation log.</summary>
public static class CallerContext
{
    private static readonly object Key = new();
    private static readonly object RefusalKey = new();

    /// <summary>Why authentication refused the caller; the authentication middleware keeps only successes.</summary>
    public static void SetRefusal(this HttpContext context, DomainException refusal) => context.Items[RefusalKey] = refusal;

    public static DomainException? FindRefusal(this HttpContext context) =>
        context.Items.TryGetValue(RefusalKey, out var refusal) ? (DomainException?)refusal : null;

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;

    public static Caller? FindCaller(this HttpContext context) => context.Items.TryGetValue(Key, out var caller) ? (Caller?)caller : null;

    /// <summary>The authenticated caller of a call. Authorization has already required one, so absence is a bug.</summary>
    public static Caller Caller(this ServerCallContext context) =>
        context.GetHttpContext().FindCaller() ?? throw new InvalidOperationException("The call has no authenticated caller.");
}
