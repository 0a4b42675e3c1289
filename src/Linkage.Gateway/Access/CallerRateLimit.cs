using System.Threading.RateLimiting;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Gateway.Options;
using Linkage.Hosting.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Access;

/// <summary>
/// A token bucket per caller, as authentication resolved it (the registry's system or staff member, the hub, or an
/// unregistered certificate by its own name): one caller past its rate is refused RESOURCE_EXHAUSTED with
/// RATE_LIMITED, as a gRPC status through the one error map, while every other caller goes on. It runs after
/// authentication and before authorization, so a refused flood costs no operation-log entries. The hub has its own,
/// higher rate (<see cref="LimitsOptions"/>); the console's pages are not gRPC calls and are not counted.
/// </summary>
public static partial class CallerRateLimit
{
    public static IServiceCollection AddCallerRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>, ILoggerFactory>((options, limits, loggers) =>
        {
            var hub = Bucket(limits.Value.HubCallsPerSecond, limits.Value.HubBurst);
            var caller = Bucket(limits.Value.CallerCallsPerSecond, limits.Value.CallerBurst);
            var logger = loggers.CreateLogger(typeof(CallerRateLimit));
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, (CallerKind, string)>(context =>
                context.FindCaller() is { } known && IsGrpc(context)
                    ? RateLimitPartition.GetTokenBucketLimiter((known.Kind, known.Id), _ => known.Kind == CallerKind.Network ? hub : caller)
                    : RateLimitPartition.GetNoLimiter((CallerKind.Unregistered, "")));
            options.OnRejected = (rejected, _) =>
            {
                var context = rejected.HttpContext;
                Refused(logger, context.Request.Path.Value ?? "", context.FindCaller()?.Kind ?? CallerKind.Unregistered);
                return new ValueTask(GrpcAuthorizationResultHandler.WriteRefusalAsync(context, new DomainException(
                    ErrorKind.ResourceExhausted, ErrorReasons.RateLimited,
                    "This caller has made more calls than its rate allows; try again shortly.")));
            };
        });
        return services;
    }

    // Refilled ten times a second rather than once, so a caller at its rate is never made to wait for a whole second.
    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond >= 10 ? perSecond / 10 : perSecond,
        ReplenishmentPeriod = perSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static bool IsGrpc(HttpContext context) =>
        context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;

    // The method names a service; the caller only by its kind, never by its name.
    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} of a {CallerKind} caller with RATE_LIMITED")]
    private static partial void Refused(ILogger logger, string method, CallerKind callerKind);
}
