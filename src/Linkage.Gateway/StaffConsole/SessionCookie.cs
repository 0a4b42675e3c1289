using Linkage.Gateway.Access;

namespace Linkage.Gateway.StaffConsole;

/// <summary>
/// The browser keeps only the session token, unreadable by script (HttpOnly), sent only over TLS (Secure) and never
/// on a request another site starts (SameSite=Strict). No expiry: it ends with the browser or the session.
/// </summary>
public static class SessionCookie
{
    public static CookieOptions Options => new() { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true };

    public static void Set(HttpResponse response, string token) => response.Cookies.Append(ConsoleEndpoint.SessionCookie, token, Options);

    public static void Delete(HttpResponse response) => response.Cookies.Delete(ConsoleEndpoint.SessionCookie, Options);
}
