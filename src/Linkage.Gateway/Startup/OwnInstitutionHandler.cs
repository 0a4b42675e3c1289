using Linkage.Gateway.Options;
using Linkage.Hosting.Authentication;
using Linkage.Storage;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Startup;

/// <summary>
/// Runs on every authorization decision of the gateway, beside the role checks of the services: back-office systems
/// and staff must belong to this gateway's institution, so a certificate of another municipality never reads or
/// changes our data, whatever its role. A network-role peer must be the hub configured in Gateway:HubInstitutionCode.
/// </summary>
public sealed class OwnInstitutionHandler(InstitutionScope scope, IOptions<GatewayOptions> options) : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true) return Task.CompletedTask;
        var expected = user.IsInRole(Roles.Network) ? options.Value.HubInstitutionCode : scope.Code.Value;
        if (!user.HasClaim(PeerCertificateAuthenticationHandler.InstitutionClaim, expected))
            context.Fail(new AuthorizationFailureReason(this, "The peer belongs to another institution, or is not the configured hub."));
        return Task.CompletedTask;
    }
}
