using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;
using StaffContract = Linkage.Contracts.V1.Staff;

namespace Linkage.Gateway.Staff;

/// <summary>Sign-in with the staff certificate, sign-out, and who the session belongs to. Permissions: <see cref="RpcPermissions"/>.</summary>
public sealed class StaffService(StaffSessions sessions, CallerRegistry registry, SignInNetworks networks) : StaffContract.StaffBase
{
    public override async Task<SignInResponse> SignIn(SignInRequest request, ServerCallContext context)
    {
        if (!networks.Allows(context.GetHttpContext().Connection.RemoteIpAddress))
            throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.SignInNetworkNotAllowed,
                "Staff may sign in only from the designated terminals' networks.");
        var (token, session) = await sessions.SignInAsync(context.Caller(), context.CancellationToken);
        var idleExpiresAt = sessions.Find(session.SessionId)?.IdleExpiresAt ?? session.StartedAt;
        return new SignInResponse { Token = token, Session = StaffMapping.ToWire(session, idleExpiresAt) };
    }

    public override async Task<SignOutResponse> SignOut(SignOutRequest request, ServerCallContext context)
    {
        await sessions.SignOutAsync(context.Caller().SessionId!, context.CancellationToken);
        return new SignOutResponse();
    }

    public override Task<WhoAmIResponse> WhoAmI(WhoAmIRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var member = registry.FindStaff(caller.Id)!;
        var response = new WhoAmIResponse { Staff = StaffMapping.ToWire(member, registry.BindingsOf(CallerKind.Staff, member.StaffId)) };
        if (sessions.Find(caller.SessionId!) is var (session, idleExpiresAt))
            response.Session = StaffMapping.ToWire(session, idleExpiresAt);
        return Task.FromResult(response);
    }
}
