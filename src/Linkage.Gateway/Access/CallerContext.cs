using Grpc.Core;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;

namespace Linkage.Gateway.Access;

/// <summary>The caller that authentication resolved, kept on the request for authorization, services and the operation log.</summary>
public static class CallerContext
{
    // Request features rather than Items: Items is a dictionary made for the first entry, on every provision too.
    private sealed record Refusal(DomainException Error);

    /// <summary>Why authentication refused the caller; the authentication middleware keeps only successes.</summary>
    public static void SetRefusal(this HttpContext context, DomainException refusal) => context.Features.Set(new Refusal(refusal));

    /// <summary>Forgets a refusal of the session (not of the certificate): the console's sign-in starts a new session.</summary>
    public static void ClearRefusal(this HttpContext context) => context.Features.Set<Refusal>(null);

    public static DomainException? FindRefusal(this HttpContext context) => context.Features.Get<Refusal>()?.Error;

    public static void SetCaller(this HttpContext context, Caller caller) => context.Features.Set(caller);

    public static Caller? FindCaller(this HttpContext context) => context.Features.Get<Caller>();

    /// <summary>The authenticated caller of a call. Authorization has already required one, so absence is a bug.</summary>
    public static Caller Caller(this ServerCallContext context) =>
        context.GetHttpContext().FindCaller() ?? throw new InvalidOperationException("The call has no authenticated caller.");
}
