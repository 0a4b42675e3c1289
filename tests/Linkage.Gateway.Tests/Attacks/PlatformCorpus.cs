using Google.Protobuf;
using Grpc.Core.Interceptors;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;
using Linkage.Network.Sim;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Extensions.DependencyInjection;
using static Grpc.Core.StatusCode;
using static Linkage.Gateway.Tests.Attacks.AttackKind;
using static Linkage.Gateway.Tests.Platform.PlatformNetwork;
using Case = Linkage.Gateway.Tests.Attacks.AttackCase<Linkage.Gateway.Tests.Attacks.PlatformScene>;
using Permit = Linkage.Contracts.Network.V1.Permit;

namespace Linkage.Gateway.Tests.Attacks;

/// <summary>
/// The attacks across institutions on one platform node (Hitachinaka, Mito, Tsukuba): each is refused, by the node when
/// no institution can be named, otherwise by the institution addressed, and recorded there only; all three databases
/// are counted.
/// </summary>
public static class PlatformCorpus
{
    private static readonly PeerIdentity HubPeer = new(TestNetwork.HubCode, Roles.Network, "provision-network");

    private static AttackCaller<PlatformScene> Hub(params string[] audiences) => new(
        audiences.Length == 0 ? "the hub naming nobody" : $"the hub naming {string.Join(" and ", audiences)}",
        s => Task.FromResult(s.Network.Channel("hub", HubPeer).Intercept(metadata =>
        {
            foreach (var audience in audiences) metadata.Add(CallAudience.Header, audience);
            return metadata;
        })));

    private static AttackCaller<PlatformScene> System(string institution, string role, string? audience) =>
        new($"{institution}'s {role} naming {audience}", s => Task.FromResult(s.System(institution, role, audience)));

    private static AttackCaller<PlatformScene> Staff(string institution, string role, string? audience = null) =>
        new($"{institution}'s {role} in session naming {audience ?? "nobody"}", s => Task.FromResult(s.StaffWith(institution, role, s.TokenOf(institution, role), audience)));

    private static AttackCaller<PlatformScene> Certificate(string name, PeerIdentity peer) =>
        new($"the {peer.Role} certificate '{name}' of {peer.InstitutionCode}", s => Task.FromResult(s.Certificate(name, peer)));

    private static AttackMessage<PlatformScene> Message(string description, Func<PlatformScene, IMessage> make) =>
        new(description, s => Task.FromResult<IReadOnlyList<byte[]>>([make(s).ToByteArray()]));

    /// <summary>An inquiry as the hub relays it, for the resident Hitachinaka provides, its permit changed before signing.</summary>
    private static AttackMessage<PlatformScene> Inquiry(string description, string provider, string inquirer, Action<PlatformScene, Permit>? change = null) =>
        Message(description, s =>
        {
            var permit = s.Network.Permit(provider, PlatformScene.Resident, inquirer);
            change?.Invoke(s, permit);
            return PermitForge.Inquiry(permit, s.Network.Sign(permit));
        });

    private static string PersonOf(PlatformScene s, string institution) => s.Network.Population.InternalAddressNumberOf(PlatformScene.Resident, Prefixes[institution]);

    private static Written At(string institution, string table, string? reason = null) => new(table, 1, PlatformScene.Labels[institution], reason);

    public static readonly IReadOnlyList<Case> Cases =
    [
        new("platform: a permit for Hitachinaka sent to Mito", CrossInstitution, Hub(Mito), "Provision/Provide",
            Inquiry("a permit naming Hitachinaka as provider", Hitachinaka, Tsukuba), PermissionDenied, "PERMIT_WRONG_AUDIENCE", At(Mito, Written.ProvisionRecords)),
        new("platform: Mito asked with a permit carrying Hitachinaka's symbol of the person", CrossInstitution, Hub(Mito), "Provision/Provide",
            Inquiry("a permit for Mito with Hitachinaka's symbol", Mito, Tsukuba, (s, p) =>
                p.ProviderSymbol = s.Network.Hub.Services.GetRequiredService<SymbolDerivation>().SymbolFor(Hitachinaka, s.Network.Population.ResidentCodeOf(PlatformScene.Resident))),
            OK, null, At(Mito, Written.ProvisionRecords, "SYMBOL_UNKNOWN"), At(Mito, "UsedPermits")),
        new("platform: the hub's call for an institution not on the node", CrossInstitution, Hub(NotServed), "Provision/Provide",
            Inquiry("a valid permit for Hitachinaka", Hitachinaka, Mito), PermissionDenied, "INSTITUTION_NOT_SERVED"),
        new("platform: the hub's call naming no institution", CrossInstitution, Hub(), "Provision/Provide",
            Inquiry("a valid permit for Hitachinaka", Hitachinaka, Mito), InvalidArgument, "AUDIENCE_REQUIRED"),
        new("platform: the hub's call naming two institutions", CrossInstitution, Hub(Hitachinaka, Mito), "Provision/Provide",
            Inquiry("a valid permit for Hitachinaka", Hitachinaka, Mito), InvalidArgument, "AUDIENCE_REQUIRED"),
        new("platform: Hitachinaka's health system reads Mito's copy", CrossInstitution, System(Hitachinaka, Roles.HealthSystem, Mito), "CopyRegistration/GetCopy",
            Message("Mito's resident's copy", s => new GetCopyRequest { InternalAddressNumber = PersonOf(s, Mito), InformationNameCode = TestNetwork.Osteoporosis, RecordKey = "2025-57-1" }),
            Unauthenticated, "OTHER_INSTITUTION", At(Hitachinaka, Written.OperationLog)),
        new("platform: Mito's health system inquires in Hitachinaka's name", CrossInstitution, System(Mito, Roles.HealthSystem, Hitachinaka), "Inquiry/Inquire",
            Message("an inquiry to Hitachinaka", s => new InquireRequest { AffairCode = TestNetwork.Affair, ProcedureCode = TestNetwork.Procedure,
                InformationNameCode = TestNetwork.Osteoporosis, InternalAddressNumber = PersonOf(s, Hitachinaka), ProviderInstitutionCode = Hitachinaka }),
            Unauthenticated, "OTHER_INSTITUTION", At(Mito, Written.OperationLog)),
        new("platform: Mito's address system retires Tsukuba's resident", CrossInstitution, System(Mito, Roles.AddressSystem, Tsukuba), "SymbolManagement/RetirePerson",
            Message("Tsukuba's resident", s => new RetirePersonRequest { InternalAddressNumber = PersonOf(s, Tsukuba) }), Unauthenticated, "OTHER_INSTITUTION", At(Mito, Written.OperationLog)),
        new("platform: Hitachinaka's auditor lists Mito's records", CrossInstitution, Staff(Hitachinaka, Roles.Auditor, Mito), "Records/ListRecords",
            Message("every record", _ => new ListRecordsRequest()), Unauthenticated, "OTHER_INSTITUTION", At(Hitachinaka, Written.OperationLog)),
        new("platform: Tsukuba's reviewer approves in Hitachinaka", CrossInstitution, Staff(Tsukuba, Roles.Reviewer, Hitachinaka), "Review/Approve",
            Message("an approval", _ => new ApproveRequest { HeldId = "0123456789abcdef" }), Unauthenticated, "OTHER_INSTITUTION", At(Tsukuba, Written.OperationLog)),
        new("platform: Mito's reviewer's token with Hitachinaka's reviewer certificate", StolenSession,
            new("Hitachinaka's reviewer with Mito's reviewer's token", s => Task.FromResult(s.StaffWith(Hitachinaka, Roles.Reviewer, s.TokenOf(Mito, Roles.Reviewer)))),
            "Review/ListHeld", Message("the first page", _ => new ListHeldRequest()), Unauthenticated, "SESSION_UNKNOWN", At(Hitachinaka, Written.OperationLog)),
        new("platform: Tsukuba's administrator registers Hitachinaka's certificate", CrossInstitution, Staff(Tsukuba, Roles.Administrator), "Administration/AddStaff",
            Message("a staff member with Hitachinaka's certificate", s => new AddStaffRequest { StaffId = "mole", Name = "職員", Roles = { Roles.Reviewer },
                CertificatePem = File.ReadAllText(s.Network.Pki.Issue("staff-mole-hitachinaka", new PeerIdentity(Hitachinaka, Roles.Reviewer, "mole")).Certificate) }),
            InvalidArgument, "OTHER_INSTITUTION", At(Tsukuba, Written.OperationLog)),
        new("platform: a certificate of an institution not on the node", BadCertificate, Certificate("health-not-served", new PeerIdentity(NotServed, Roles.HealthSystem, "health")),
            "CopyRegistration/GetCopy", Message("a copy", s => new GetCopyRequest { InternalAddressNumber = PersonOf(s, Hitachinaka), InformationNameCode = TestNetwork.Osteoporosis, RecordKey = "2025-57-1" }),
            PermissionDenied, "INSTITUTION_NOT_SERVED"),
        new("platform: the node's own certificate plays the hub", BadCertificate, Certificate("node", new PeerIdentity(PlatformCode, Roles.Gateway, NodeId)),
            "Provision/Provide", Inquiry("a valid permit for Hitachinaka", Hitachinaka, Mito), PermissionDenied, "INSTITUTION_NOT_SERVED"),
    ];
}
