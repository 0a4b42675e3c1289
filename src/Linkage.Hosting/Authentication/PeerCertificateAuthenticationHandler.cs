using System.Security.Claims;
using System.Text.Encodings.Web;
using Linkage.Transport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Linkage.Hosting.Authentication;

/// <summary>
/// Turns the client certificate that Kestrel already checked against our authority into a principal with the
/// peer's institution, role and name. A certificate without a usable identity authenticates nobody.
/// </summary>
public sealed class PeerCertificateAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PeerCertificate";
    public const string InstitutionClaim = "linkage:institution";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var certificate = Context.Connection.ClientCertificate;
        if (certificate is null)
            return Task.FromResult(AuthenticateResult.NoResult());
        var peer = PeerIdentity.FromCertificate(certificate);
        if (peer is null)
            return Task.FromResult(AuthenticateResult.Fail("The client certificate carries no institution, known role and name."));

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, peer.Name),
                new Claim(ClaimTypes.Role, peer.Role),
                new Claim(InstitutionClaim, peer.InstitutionCode),
            ],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
