using System.Security.Claims;
using Grpc.Core;
using Linkage.Transport;

namespace Linkage.Hosting.Authentication;

public static class PeerPrincipal
{
    /// <summary>The authenticated peer of a call. Authorization has already required one, so absence is a bug.</summary>
    public static PeerIdentity Peer(this ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        return new PeerIdentity(
            user.FindFirstValue(PeerCertificateAuthenticationHandler.InstitutionClaim)
                ?? throw new InvalidOperationException("The call has no authenticated peer."),
            user.FindFirstValue(ClaimTypes.Role) ?? "",
            user.FindFirstValue(ClaimTypes.Name) ?? "");
    }
}
