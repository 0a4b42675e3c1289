using Linkage.Hosting.Authentication;
using Linkage.Storage;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;

namespace Linkage.Gateway.Startup;

/// <summary>
/// Runs on every authorization decision of the gateway, beside the role checks of the services: back-office systems
/// and staff must belong to this gateway's institution, so a certificate of another municipality never reads or
/// changes our data, whatever its role. The hub is trusted through its network role.
/// </summary>
public sealed class OwnInstitutionHandler(InstitutionScope scope) : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && !user.IsInRole(Roles.Network)
            && !user.HasClaim(PeerCertificateAuthenticationHandler.InstitutionClaim, scope.Code.Value))
            context.Fail(new AuthorizationFailureReason(this, "The peer belongs to another institution."));
        return Task.CompletedTask;
    }
}
