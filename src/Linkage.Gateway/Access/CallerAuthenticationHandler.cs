using System.Security.Claims;
using System.Text.Encodings.Web;
using Linkage.Domain;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Transport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Access;

/// <summary>
/// Who is calling: the certificate (already chained to our authority by the TLS handshake) names the caller, the
/// registry says what they may do. The hub is known from configuration; staff hold their roles only in a session
/// (bearer token with the same certificate). Revocation is checked on every call, so an open connection or session
/// of a revoked certificate is refused at once. A call addressed to another institution (<see cref="CallAudience"/>)
/// is refused whoever makes it: on a platform node, that is a call that tried to cross from one institution to another.
/// </summary>
public sealed class CallerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TlsMaterial tls, TrustedHub hub, InstitutionScope scope, CallerRegistry registry, StaffSessions sessions, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Caller";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var certificate = Context.Connection.ClientCertificate;
        if (certificate is null) return AuthenticateResult.NoResult();
        var (_, thumbprint, peer) = PresentedIdentity.Of(Context, certificate);
        // Until the registry knows better, the operation log names a refused certificate by its serial number.
        var caller = new Caller(CallerKind.Unregistered, certificate.SerialNumber, peer?.InstitutionCode ?? "", Empty, Empty, thumbprint);
        try
        {
            if (tls.Trust.IsRevoked(certificate))
            {
                await sessions.EndAllAsync(s => s.CertificateThumbprint == thumbprint, SessionEnd.CertificateRevoked, Context.RequestAborted);
                throw Refused(ErrorReasons.CertificateRevoked, "This certificate has been revoked.");
            }
            if (peer is { Role: Roles.Network } && peer.InstitutionCode == hub.InstitutionCode.Value)
                caller = new Caller(CallerKind.Network, peer.Name, peer.InstitutionCode, NetworkRoles, Empty, thumbprint);
            else
            {
                if (peer is not null && peer.InstitutionCode != scope.Code.Value)
                    throw Refused(ErrorReasons.OtherInstitution, "This certificate belongs to another institution.");
                caller = registry.Resolve(thumbprint, clock.GetUtcNow());
                if (caller.Kind == CallerKind.Staff && Bearer() is { } token)
                    caller = caller with { SessionId = (await sessions.CheckAsync(token, thumbprint, Context.RequestAborted)).SessionId };
            }
            // After the caller is known, so that the operation log names who tried to reach another institution.
            if (CallAudience.Named(Request.Headers) is { } audience && audience != scope.Code.Value)
                throw Refused(ErrorReasons.OtherInstitution, "This call is addressed to another institution than this gateway's.");
            return AuthenticateResult.Success(new AuthenticationTicket(Principal(caller), SchemeName));
        }
        catch (DomainException refusal)
        {
            if (caller.Kind == CallerKind.Unregistered && registry.OwnerOf(thumbprint) is var (kind, id))
                caller = caller with { Kind = kind, Id = id };
            Context.SetRefusal(refusal);
            return AuthenticateResult.Fail(refusal);
        }
        finally
        {
            Context.SetCaller(caller);
        }
    }

    private string? Bearer()
    {
        // The console's browser sends its token in the session cookie; the gRPC port never reads cookies.
        if (ConsoleEndpoint.Is(Context))
            return Request.Cookies.TryGetValue(ConsoleEndpoint.SessionCookie, out var cookie) && cookie.Length > 0 ? cookie : null;
        var header = Request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
    }

    private static ClaimsPrincipal Principal(Caller caller)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, caller.Id) };
        // Staff hold their roles only inside a session.
        if (caller.Kind != CallerKind.Staff || caller.SessionId is not null)
            claims.AddRange(caller.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }

    private static readonly IReadOnlySet<string> NetworkRoles = new HashSet<string>(StringComparer.Ordinal) { Roles.Network };
    private static readonly IReadOnlySet<string> Empty = new HashSet<string>();

    private static DomainException Refused(string reason, string message) => new(ErrorKind.Unauthenticated, reason, message);
}
