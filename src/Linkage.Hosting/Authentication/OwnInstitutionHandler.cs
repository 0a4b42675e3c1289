using Linkage.Domain;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;

namespace Linkage.Hosting.Authentication;

/// <summary>
/// Runs on every authorization decision of a gateway, beside the role checks of the services: back-office systems
/// and staff must belong to this gateway's institution, so a certificate of another municipality never reads or
/// changes our data, whatever its role. A network-role peer must be the configured hub.
/// </summary>
public sealed class OwnInstitutionHandler(InstitutionScope scope, TrustedHub hub) : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true) return Task.CompletedTask;
        var expected = user.IsInRole(Roles.Network) ? hub.InstitutionCode.Value : scope.Code.Value;
        if (!user.HasClaim(PeerCertificateAuthenticationHandler.InstitutionClaim, expected))
            context.Fail(new AuthorizationFailureReason(this, "The peer belongs to another institution, or is not the configured hub."));
        return Task.CompletedTask;
    }
}
