namespace Linkage.Gateway.Access;

/// <summary>
/// Marks the staff console's endpoints. Their session token comes in a cookie instead of a bearer header, and they
/// are served only on the console's port (the gRPC services only elsewhere).
/// </summary>
public sealed class ConsoleEndpoint
{
    public static readonly ConsoleEndpoint Instance = new();

    /// <summary>"__Host-": the browser keeps it only when Secure, for this host and path "/" (no subdomain may set it).</summary>
    public const string SessionCookie = "__Host-linkage-session";

    public static bool Is(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<ConsoleEndpoint>() is not null;
}
