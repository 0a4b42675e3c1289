using Google.Protobuf;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Crypto;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Linkage.Transport;
using static Grpc.Core.StatusCode;
using static Linkage.Gateway.Tests.Attacks.AttackKind;
using static Linkage.Gateway.Tests.Attacks.GatewayAttacks;
using static Linkage.Testing.TestNetwork;
using Case = Linkage.Gateway.Tests.Attacks.AttackCase<Linkage.Gateway.Tests.Attacks.GatewayScene>;

namespace Linkage.Gateway.Tests.Attacks;

/// <summary>
/// The attacks on one gateway (Hitachinaka's, with the hub, the registry and Mito's gateway around it): one case per
/// line or block — who calls, which RPC, with what, what it must answer, and what it must leave behind.
/// </summary>
public static class GatewayCorpus
{
    private static readonly Written Record = Written.Record, Operation = Written.Operation;

    public static readonly IReadOnlyList<Case> Cases =
    [
        // Forged and altered permits: refused before a byte of the permit is believed, and recorded.
        new("forged: one bit of the hub's signature flipped", ForgedOrAlteredPermit, Hub, "Provision/Provide",
            Inquiry("a permit whose signature is altered", afterSigning: (_, _, p) => p.Signature = Flipped(p.Signature, 10)), Unauthenticated, "PERMIT_SIGNATURE_INVALID", Record),
        new("forged: signed with a key that is not the hub's", ForgedOrAlteredPermit, Hub, "Provision/Provide",
            Inquiry("a permit signed by another key", sign: (s, p) => s.Forge.Sign(p, Ed25519Keys.Generate().PrivateKey)), Unauthenticated, "PERMIT_SIGNATURE_INVALID", Record),
        new("forged: signed by the hub's key under another key id", ForgedOrAlteredPermit, Hub, "Provision/Provide",
            Inquiry("a permit naming key hub-test-2", sign: (s, p) => s.Forge.Sign(p, keyId: "hub-test-2")), Unauthenticated, "PERMIT_SIGNATURE_INVALID", Record),
        new("forged: no signature at all", ForgedOrAlteredPermit, Hub, "Provision/Provide",
            Inquiry("a permit with an empty signature", afterSigning: (_, _, p) => p.Signature = ByteString.Empty), Unauthenticated, "PERMIT_SIGNATURE_INVALID", Record),
        new("altered: information name changed after signing", ForgedOrAlteredPermit, Hub, "Provision/Provide",
            Inquiry("a permit for osteoporosis re-encoded as cancer", afterSigning: (_, c, p) => { c.InformationNameCode = Cancer; p.Permit = c.ToByteString(); },
                header: i => i.InformationNameCode = Cancer), Unauthenticated, "PERMIT_SIGNATURE_INVALID", Record),
        new("altered: provider symbol swapped for another resident's", ForgedOrAlteredPermit, Hub, "Provision/Provide",
            Inquiry("a permit whose symbol is another person's", afterSigning: (s, c, p) =>
            {
                c.ProviderSymbol = s.Forge.ProviderSymbol(GatewayScene.ResidentWithoutSymbol);
                p.Permit = c.ToByteString();
            }),
            Unauthenticated, "PERMIT_SIGNATURE_INVALID", Record),
        new("altered: answer key swapped by someone in the middle", ForgedOrAlteredPermit, Hub, "Provision/Provide",
            Inquiry("a permit whose inquirer key is the attacker's", afterSigning: (_, c, p) =>
            {
                c.InquirerPublicKey = ByteString.CopyFrom(X25519KeyPair.Generate().PublicKey);
                p.Permit = c.ToByteString();
            }), Unauthenticated, "PERMIT_SIGNATURE_INVALID", Record),
        new("forged: signed bytes that are no permit", ForgedOrAlteredPermit, Hub, "Provision/Provide",
            Inquiry("signed garbage", sign: (s, _) => s.Forge.Sign([0x0A, 0xFF, 0x01, 0x02])), InvalidArgument, "PERMIT_MALFORMED", Record),
        new("forged: a permit without the inquirer's answer key", ForgedOrAlteredPermit, Hub, "Provision/Provide",
            Inquiry("a signed permit with no answer key", permit: p => p.InquirerPublicKey = ByteString.Empty), InvalidArgument, "PERMIT_MALFORMED", Record),
        new("forged: an answer key of order 1 (all zeros)", ForgedOrAlteredPermit, Hub, "Provision/Provide",
            Inquiry("a signed permit whose answer key is 32 zero bytes", permit: p => p.InquirerPublicKey = ByteString.CopyFrom(new byte[32])),
            InvalidArgument, "PERMIT_MALFORMED", Record),
        new("forged: an inquiry without a permit", ForgedOrAlteredPermit, Hub, "Provision/Provide",
            Message("an empty relayed inquiry", _ => new RelayedInquiry()), InvalidArgument, "PERMIT_MALFORMED", Record),
        new("forged: a held answer delivered under a permit the hub never signed", ForgedOrAlteredPermit, Hub, "Provision/DeliverAnswer",
            Delivery("a delivery signed by another key", forged: true), Unauthenticated, "PERMIT_SIGNATURE_INVALID"),

        // Expired permits.
        new("expired: five minutes ago", ExpiredPermit, Hub, "Provision/Provide",
            Inquiry("a permit that expired 5 minutes ago", p => (p.IssuedAt, p.ExpiresAt) = (MinutesFromNow(-10), MinutesFromNow(-5))), FailedPrecondition, "PERMIT_EXPIRED", Record),
        new("expired: just past the allowed clock skew", ExpiredPermit, Hub, "Provision/Provide",
            Inquiry("a permit that expired 45 seconds ago", p => (p.IssuedAt, p.ExpiresAt) = (MinutesFromNow(-3), MinutesFromNow(-0.75))), FailedPrecondition, "PERMIT_EXPIRED", Record),
        new("expired: issued in the future", ExpiredPermit, Hub, "Provision/Provide",
            Inquiry("a permit valid from 10 minutes on", p => (p.IssuedAt, p.ExpiresAt) = (MinutesFromNow(10), MinutesFromNow(12))), FailedPrecondition, "PERMIT_NOT_YET_VALID", Record),
        new("expired: under a withdrawn list version", ExpiredPermit, Hub, "Provision/Provide",
            Inquiry("a permit of list version 1", p => p.ListVersion = WithdrawnListVersion), FailedPrecondition, "PERMIT_LIST_WITHDRAWN", Record),

        // Misaddressed permits and calls.
        new("misaddressed: a permit for Mito's gateway", MisaddressedPermit, Hub, "Provision/Provide",
            Inquiry("a permit naming Mito as provider", p => p.ProviderInstitutionCode = Mito), PermissionDenied, "PERMIT_WRONG_AUDIENCE", Record),
        new("misaddressed: the inquiry asks for another information name than its permit", MisaddressedPermit, Hub, "Provision/Provide",
            Inquiry("a permit for osteoporosis with a hepatitis header", header: i => i.InformationNameCode = Hepatitis), PermissionDenied, "PERMIT_MISMATCH", Record),
        new("misaddressed: the inquiry carries another inquiry's permit", MisaddressedPermit, Hub, "Provision/Provide",
            Inquiry("a header with another inquiry id", header: i => i.InquiryId = "another-inquiry"), PermissionDenied, "PERMIT_MISMATCH", Record),
        new("misaddressed: the hub's call names Mito as its audience", MisaddressedPermit, HubNaming(Mito), "Provision/Provide",
            Inquiry("a valid inquiry"), Unauthenticated, "OTHER_INSTITUTION", Operation),
        new("misaddressed: a held answer for another inquirer", MisaddressedPermit, Hub, "Provision/DeliverAnswer",
            Delivery("a delivery whose permit names Mito as inquirer", p => p.InquirerInstitutionCode = Mito), PermissionDenied, "PERMIT_WRONG_AUDIENCE"),
        new("misaddressed: a held answer for an inquiry we never made", MisaddressedPermit, Hub, "Provision/DeliverAnswer",
            Delivery("a delivery for an unknown inquiry"), NotFound, "INQUIRY_NOT_FOUND"),

        // Replayed permits.
        new("replayed: the same inquiry and permit again", ReplayedPermit, Hub, "Provision/Provide",
            Replayed("an answered inquiry sent again"), AlreadyExists, "PERMIT_REPLAYED", Record),
        new("replayed: a used permit id re-signed with new times", ReplayedPermit, Hub, "Provision/Provide",
            Replayed("an answered permit re-issued under the same id", (s, c, _) =>
            {
                c.IssuedAt = MinutesFromNow(0);
                return PermitForge.Inquiry(c, s.Forge.Sign(c));
            }), AlreadyExists, "PERMIT_REPLAYED", Record),

        // Combinations not on the permitted list, incoming and outgoing.
        new("not permitted: an information name never provided (periodontal)", NotOnThePermittedList, Hub, "Provision/Provide",
            Inquiry("a signed permit for periodontal screening", p => p.InformationNameCode = Periodontal), PermissionDenied, "INQUIRY_NOT_PERMITTED", Record),
        new("not permitted: an inquirer in no class of the list", NotOnThePermittedList, Hub, "Provision/Provide",
            Inquiry("a signed permit for institution 1000099999000000", p => p.InquirerInstitutionCode = "1000099999000000"), PermissionDenied, "INQUIRY_NOT_PERMITTED", Record),
        new("not permitted: a procedure not on the list", NotOnThePermittedList, Hub, "Provision/Provide",
            Inquiry("a signed permit for procedure JT00000000099999", p => p.ProcedureCode = "JT00000000099999"), PermissionDenied, "INQUIRY_NOT_PERMITTED", Record),
        new("not permitted: an affair not on the list", NotOnThePermittedList, Hub, "Provision/Provide",
            Inquiry("a signed permit for affair JM00000000099999", p => p.AffairCode = "JM00000000099999"), PermissionDenied, "INQUIRY_NOT_PERMITTED", Record),
        new("not permitted: our health system asks Mito, who provides nothing on the list", NotOnThePermittedList, OurHealthSystem, "Inquiry/Inquire",
            Message("an inquiry to Mito", s => new InquireRequest { AffairCode = Affair, ProcedureCode = Procedure, InformationNameCode = Osteoporosis,
                InternalAddressNumber = s.Person, ProviderInstitutionCode = Mito }), PermissionDenied, "INQUIRY_NOT_PERMITTED", Record),
        new("not permitted: our health system asks for periodontal screening", NotOnThePermittedList, OurHealthSystem, "Inquiry/Inquire",
            Message("an inquiry for periodontal screening", s => new InquireRequest { AffairCode = Affair, ProcedureCode = Procedure, InformationNameCode = Periodontal,
                InternalAddressNumber = s.Person, ProviderInstitutionCode = Hitachinaka }), PermissionDenied, "INQUIRY_NOT_PERMITTED", Record),

        // Another institution reaching into this one.
        new("cross-institution: Mito's health system reads our copy", CrossInstitution, Certificate("health-system-mito", new PeerIdentity(Mito, Roles.HealthSystem, "health-management")),
            "CopyRegistration/GetCopy", Message("our resident's copy", s => new GetCopyRequest { InternalAddressNumber = s.Person, InformationNameCode = Osteoporosis, RecordKey = "2025-57-1" }),
            Unauthenticated, "OTHER_INSTITUTION", Operation),
        new("cross-institution: Mito's address system retires our resident", CrossInstitution, Certificate("address-system-mito", new PeerIdentity(Mito, Roles.AddressSystem, "address-system")),
            "SymbolManagement/RetirePerson", Message("our resident", s => new RetirePersonRequest { InternalAddressNumber = s.Person }), Unauthenticated, "OTHER_INSTITUTION", Operation),
        new("cross-institution: Mito's certificate in the network role plays the hub", CrossInstitution, Certificate("network-mito", new PeerIdentity(Mito, Roles.Network, "provision-network")),
            "Provision/Provide", Inquiry("a valid inquiry"), Unauthenticated, "OTHER_INSTITUTION", Operation),
        new("cross-institution: the resident registry's certificate plays the hub", CrossInstitution, Certificate("registry-as-hub", new PeerIdentity(RegistryCode, Roles.Network, "resident-registry")),
            "Provision/Provide", Inquiry("a valid inquiry"), Unauthenticated, "OTHER_INSTITUTION", Operation),
        new("cross-institution: Mito's auditor lists our records", CrossInstitution, Certificate("staff-auditor-mito", new PeerIdentity(Mito, Roles.Auditor, "staff-auditor")),
            "Records/ListRecords", Message("every record", _ => new ListRecordsRequest()), Unauthenticated, "OTHER_INSTITUTION", Operation),
        new("cross-institution: our administrator registers Mito's certificate as staff", CrossInstitution, OurStaff(Roles.Administrator), "Administration/AddStaff",
            Message("a staff member with Mito's certificate", s => new AddStaffRequest { StaffId = "mito-mole", Name = "職員", Roles = { Roles.Reviewer },
                CertificatePem = File.ReadAllText(s.Network.Pki.Issue("staff-mole-mito", new PeerIdentity(Mito, Roles.Reviewer, "mole")).Certificate) }),
            InvalidArgument, "OTHER_INSTITUTION", Operation),

        ..GatewayCorpusAccess.Cases,
    ];
}
