using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Hosting.Authentication;

public static class AuthenticationSetup
{
    /// <summary>
    /// Peer-certificate authentication, and a fallback policy that denies every endpoint not explicitly opened:
    /// services say with <c>[Authorize(Roles = ...)]</c> who may call them; health and reflection need any known peer.
    /// </summary>
    public static IServiceCollection AddPeerCertificateAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(PeerCertificateAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, PeerCertificateAuthenticationHandler>(
                PeerCertificateAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        return services;
    }
}
