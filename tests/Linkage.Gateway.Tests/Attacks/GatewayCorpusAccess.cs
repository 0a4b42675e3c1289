using Google.Protobuf;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Transport;
using static Grpc.Core.StatusCode;
using static Linkage.Gateway.Tests.Attacks.AttackKind;
using static Linkage.Gateway.Tests.Attacks.GatewayAttacks;
using static Linkage.Testing.TestNetwork;
using Case = Linkage.Gateway.Tests.Attacks.AttackCase<Linkage.Gateway.Tests.Attacks.GatewayScene>;

namespace Linkage.Gateway.Tests.Attacks;

/// <summary>The gateway corpus, continued: roles, copies, raw messages, certificates and sessions.</summary>
public static class GatewayCorpusAccess
{
    private static readonly Written Record = Written.Record, Operation = Written.Operation;
    private const string Denied = "PEER_NOT_AUTHORIZED";

    /// <summary>A batch whose stream broke stays open, its copies invisible, until it is resent or discarded as abandoned.</summary>
    private static readonly Written OpenBatch = new("CopyBatches");

    private static readonly AttackMessage<GatewayScene> AnyHeld = Message("a held item's id", _ => new GetHeldRequest { HeldId = "0123456789abcdef" });
    private static readonly AttackMessage<GatewayScene> OurCopy =
        Message("our resident's copy", s => new GetCopyRequest { InternalAddressNumber = s.Person, InformationNameCode = Osteoporosis, RecordKey = "2025-57-1" });

    public static readonly IReadOnlyList<Case> Cases =
    [
        // Roles: every caller is held to the RPCs of its role, and each refusal is in the operation log.
        new("role: the health system acquires a symbol", RoleViolation, OurHealthSystem, "SymbolManagement/AcquireSymbol",
            Message("an acquisition", s => new AcquireSymbolRequest { InternalAddressNumber = s.PersonWithoutSymbol, AcquisitionNumber = "A123" }), PermissionDenied, Denied, Operation),
        new("role: the address system registers a copy", RoleViolation, OurAddressSystem, "CopyRegistration/RegisterCopy", Copy("a valid copy", _ => { }), PermissionDenied, Denied, Operation),
        new("role: the health system plays the hub", RoleViolation, OurHealthSystem, "Provision/Provide", Inquiry("a valid inquiry"), PermissionDenied, Denied, Operation),
        new("role: the hub reads a copy", RoleViolation, Hub, "CopyRegistration/GetCopy", OurCopy, PermissionDenied, Denied, Operation),
        new("role: the hub signs in as staff", RoleViolation, Hub, "Staff/SignIn", Message("a sign-in", _ => new SignInRequest()), PermissionDenied, Denied, Operation),
        new("role: the health system registers a system", RoleViolation, OurHealthSystem, "Administration/AddSystem",
            Message("another health system", s => new AddSystemRequest { SystemId = "rogue", Name = "rogue", Role = Roles.HealthSystem }), PermissionDenied, Denied, Operation),
        new("role: the address system lists held answers", RoleViolation, OurAddressSystem, "Review/ListHeld", Message("the first page", _ => new ListHeldRequest()), PermissionDenied, Denied, Operation),
        new("role: a reviewer lists every record", RoleViolation, OurStaff(Roles.Reviewer), "Records/ListRecords", Message("every record", _ => new ListRecordsRequest()), PermissionDenied, Denied, Operation),
        new("role: a reviewer hides a record from disclosure", RoleViolation, OurStaff(Roles.Reviewer), "Records/MarkNonDisclosure",
            Message("a mark", _ => new MarkNonDisclosureRequest { Node = "default", Sequence = 1, Reason = "隠す" }), PermissionDenied, Denied, Operation),
        new("role: a reviewer clears a hold flag", RoleViolation, OurStaff(Roles.Reviewer), "Administration/ClearHoldFlag",
            Message("the administrator's flag", s => new ClearHoldFlagRequest { FlagId = s.AdministratorsFlag, Reason = "解除" }), PermissionDenied, Denied, Operation),
        new("role: an auditor approves a held answer", RoleViolation, OurStaff(Roles.Auditor), "Review/Approve",
            Message("an approval", _ => new ApproveRequest { HeldId = "0123456789abcdef" }), PermissionDenied, Denied, Operation),
        new("role: an auditor makes themself an administrator", RoleViolation, OurStaff(Roles.Auditor), "Administration/AddStaff",
            Message("an administrator", _ => new AddStaffRequest { StaffId = "auditor-2", Name = "監査", Roles = { Roles.Administrator } }), PermissionDenied, Denied, Operation),
        new("role: an auditor registers a ticket", RoleViolation, OurStaff(Roles.Auditor), "Tickets/RegisterTicket",
            Message("an enquiry", _ => new RegisterTicketRequest { Kind = TicketKind.Enquiry, Channel = TicketChannel.Counter, RequestText = "問合せ" }), PermissionDenied, Denied, Operation),
        new("role: an administrator reads the operation log", RoleViolation, OurStaff(Roles.Administrator), "Records/ListOperations",
            Message("the operation log", _ => new ListOperationsRequest()), PermissionDenied, Denied, Operation),
        new("role: an administrator declines a held answer", RoleViolation, OurStaff(Roles.Administrator), "Review/Decline",
            Message("a decline", _ => new DeclineRequest { HeldId = "0123456789abcdef", Reason = DeclineReason.NoData }), PermissionDenied, Denied, Operation),
        new("role: an administrator gives a staff member the network role", RoleViolation, OurStaff(Roles.Administrator), "Administration/AddStaff",
            Message("a staff member with role network", s => new AddStaffRequest { StaffId = "hub-inside", Name = "職員", Roles = { Roles.Network },
                CertificatePem = File.ReadAllText(s.Network.Pki.Issue("staff-network", new PeerIdentity(Hitachinaka, Roles.Reviewer, "x")).Certificate) }),
            InvalidArgument, "INVALID_ARGUMENT", Operation),
        new("role: a staff certificate without a session verifies the records", RoleViolation, StaffWithoutSession(Roles.Auditor), "Records/Verify",
            Message("a verification", _ => new VerifyRequest()), Unauthenticated, "SESSION_REQUIRED", Operation),
        new("role: the health system clears a flag an administrator set", RoleViolation, OurHealthSystem, "CopyRegistration/ClearHoldFlag",
            Message("the administrator's flag", s => new ClearHoldFlagRequest { FlagId = s.AdministratorsFlag, Reason = "解除" }), PermissionDenied, Denied, Operation),

        // Bad copies: refused with the field and reason, nothing stored.
        new("bad copy: an item code the catalogue does not know", BadCopy, OurHealthSystem, "CopyRegistration/RegisterCopy",
            Copy("item 9Z999999999999999", c => c.Items[0].ItemCode = "9Z999999999999999"), InvalidArgument, "UNKNOWN_ITEM"),
        new("bad copy: a cancer item in an osteoporosis copy", BadCopy, OurHealthSystem, "CopyRegistration/RegisterCopy",
            Copy("item 9P502000000000011", c => c.Items.Add(new ItemValue { ItemCode = "9P502000000000011", Value = "1" })), InvalidArgument, "UNKNOWN_ITEM"),
        new("bad copy: a height that is no number", BadCopy, OurHealthSystem, "CopyRegistration/RegisterCopy",
            Copy("height 'abc'", c => c.Items[0].Value = "abc"), InvalidArgument, "VALUE_WRONG_TYPE"),
        new("bad copy: a value longer than its item allows", BadCopy, OurHealthSystem, "CopyRegistration/RegisterCopy",
            Copy("height '1582.000'", c => c.Items[0].Value = "1582.000"), InvalidArgument, "VALUE_TOO_LONG"),
        new("bad copy: a code outside its code system", BadCopy, OurHealthSystem, "CopyRegistration/RegisterCopy",
            Copy("fracture history '9'", c => c.Items.Add(new ItemValue { ItemCode = "9P622000000000011", Value = "9" })), InvalidArgument, "VALUE_NOT_IN_CODE_SYSTEM"),
        new("bad copy: the same item twice", BadCopy, OurHealthSystem, "CopyRegistration/RegisterCopy",
            Copy("height twice", c => c.Items.Add(c.Items[0].Clone())), InvalidArgument, "DUPLICATE_RECORD"),
        new("bad copy: an information name not held here", BadCopy, OurHealthSystem, "CopyRegistration/RegisterCopy",
            Copy("information name TM00000000099999", c => c.InformationNameCode = "TM00000000099999"), InvalidArgument, "UNKNOWN_INFORMATION_NAME"),
        new("bad copy: an internal address number with letters", BadCopy, OurHealthSystem, "CopyRegistration/RegisterCopy",
            Copy("person '08221ABCDEFGHIJ'", c => c.InternalAddressNumber = "08221ABCDEFGHIJ"), InvalidArgument, "MALFORMED_CODE"),
        new("bad copy: SQL in the record key", BadCopy, OurHealthSystem, "CopyRegistration/RegisterCopy",
            Copy("record key \"x'; DROP TABLE Copies;--\"", c => c.RecordKey = "x'; DROP TABLE \"Copies\";--"), InvalidArgument, "INVALID_ARGUMENT"),
        new("bad copy: valid until before it is valid from", BadCopy, OurHealthSystem, "CopyRegistration/RegisterCopy",
            Copy("valid 2025-06-01 to 2025-05-31", c => c.ValidTo = "2025-05-31"), InvalidArgument, "INVALID_ARGUMENT"),
        new("bad copy: no items", BadCopy, OurHealthSystem, "CopyRegistration/RegisterCopy", Copy("a copy without items", c => c.Items.Clear()), InvalidArgument, "MISSING_FIELD"),
        new("bad copy: a correction that skips a version", BadCopy, OurHealthSystem, "CopyRegistration/RegisterCopy",
            Copy("version 3 of a record at version 1", c => (c.RecordKey, c.Version) = ("2025-57-1", 3)), FailedPrecondition, "VERSION_CONFLICT"),
        new("bad copy: one stream naming two batches (the first stays open to be resent)", BadCopy, OurHealthSystem, "CopyRegistration/RegisterCopies",
            Stream("copies of batches a and b", s => [new RegisterCopiesRequest { BatchId = "attack-a", Copy = CopyOf(s, c => c.RecordKey = "a") },
                new RegisterCopiesRequest { BatchId = "attack-b", Copy = CopyOf(s, c => c.RecordKey = "b") }]), InvalidArgument, "INVALID_ARGUMENT", OpenBatch),

        // Well-formed requests for what is not there or not allowed: refused with the service's reason, staff calls logged.
        new("bad request: an acquisition number that is no acquisition number", BadRequest, OurAddressSystem, "SymbolManagement/AcquireSymbol",
            Message("acquisition number 'A123'", s => new AcquireSymbolRequest { InternalAddressNumber = s.PersonWithoutSymbol, AcquisitionNumber = "A123" }), InvalidArgument, "MALFORMED_CODE"),
        new("bad request: retiring a person whose symbol was never acquired", BadRequest, OurAddressSystem, "SymbolManagement/RetirePerson",
            Message("a person without a symbol", s => new RetirePersonRequest { InternalAddressNumber = s.PersonWithoutSymbol }), NotFound, "SYMBOL_NOT_ACQUIRED"),
        new("bad request: an inquiry about a person whose symbol was never acquired", BadRequest, OurHealthSystem, "Inquiry/Inquire",
            Message("a permitted inquiry about a person without a symbol", s => new InquireRequest { AffairCode = Affair, ProcedureCode = Procedure,
                InformationNameCode = Osteoporosis, InternalAddressNumber = s.PersonWithoutSymbol, ProviderInstitutionCode = Hitachinaka }), FailedPrecondition, "SYMBOL_NOT_ACQUIRED", Record),
        new("bad request: a reviewer discloses to a malformed person", BadRequest, OurStaff(Roles.Reviewer), "Records/Disclose",
            Message("person '0822'", _ => new DiscloseRequest { InternalAddressNumber = "0822" }), InvalidArgument, "MALFORMED_CODE", Operation),
        new("bad request: a reviewer approves a held answer that does not exist", BadRequest, OurStaff(Roles.Reviewer), "Review/Approve",
            Message("an approval of an unknown id", _ => new ApproveRequest { HeldId = "0123456789abcdef" }), NotFound, "HELD_RESPONSE_NOT_FOUND", Operation),
        new("bad request: an administrator adds a step to a ticket that does not exist", BadRequest, OurStaff(Roles.Administrator), "Tickets/AddTicketStep",
            Message("a step of an unknown ticket", _ => new AddTicketStepRequest { TicketId = "no-such-ticket", Action = "対応" }), NotFound, "TICKET_NOT_FOUND", Operation),
        new("bad request: an administrator asks for two years of statistics", BadRequest, OurStaff(Roles.Administrator), "Administration/GetStatistics",
            Message("2024-01-01 to 2025-12-31", _ => new GetStatisticsRequest { FromDate = "2024-01-01", ToDate = "2025-12-31" }), InvalidArgument, "PERIOD_TOO_LONG", Operation),

        // Malformed, truncated and oversized messages, as bytes on the wire.
        new("malformed: bytes that are no protobuf message, from the hub", MalformedMessage, Hub, "Provision/Provide",
            Bytes("10 bytes of garbage", _ => Garbage), InvalidArgument, "MALFORMED_MESSAGE"),
        new("malformed: a relayed inquiry cut in half", MalformedMessage, Hub, "Provision/Provide",
            Bytes("the first half of a valid inquiry", s => Truncated(InquiryOf(s))), InvalidArgument, "MALFORMED_MESSAGE"),
        new("malformed: a copy cut in half", MalformedMessage, OurHealthSystem, "CopyRegistration/RegisterCopy",
            Bytes("the first half of a valid copy", s => Truncated(new RegisterCopyRequest { Copy = CopyOf(s, _ => { }) })), InvalidArgument, "MALFORMED_MESSAGE"),
        new("malformed: garbage in a copy stream (the batch stays open to be resent)", MalformedMessage, OurHealthSystem, "CopyRegistration/RegisterCopies",
            new("a valid copy, then garbage", s => Task.FromResult<IReadOnlyList<byte[]>>(
                [new RegisterCopiesRequest { BatchId = "attack-garbage", Copy = CopyOf(s, _ => { }) }.ToByteArray(), Garbage])), InvalidArgument, "MALFORMED_MESSAGE", OpenBatch),
        new("malformed: garbage from a reviewer in session", MalformedMessage, OurStaff(Roles.Reviewer), "Review/Approve",
            Bytes("10 bytes of garbage", _ => Garbage), InvalidArgument, "MALFORMED_MESSAGE"),
        new("malformed: a copy request sent to the provision service", MalformedMessage, Hub, "Provision/Provide",
            Bytes("a RegisterCopyRequest's bytes", s => new RegisterCopyRequest { Copy = CopyOf(s, _ => { }) }.ToByteArray()), Unauthenticated, "PERMIT_SIGNATURE_INVALID", Record),
        new("malformed: an empty inquiry request", MalformedMessage, OurHealthSystem, "Inquiry/Inquire", Message("no fields", _ => new InquireRequest()), InvalidArgument, "MISSING_FIELD"),
        new("oversized: a 5 MB inquiry from the hub", MalformedMessage, HubWithoutSendLimit, "Provision/Provide",
            Inquiry("a permit with a 5 MB legal basis", p => p.LegalBasis = new string('x', 5 * 1024 * 1024)), ResourceExhausted, "MESSAGE_TOO_LARGE"),
        new("oversized: a 5 MB copy", MalformedMessage, OurHealthSystemWithoutSendLimit, "CopyRegistration/RegisterCopy",
            Copy("a copy with a 5 MB value", c => c.Items[0].Value = new string('9', 5 * 1024 * 1024)), ResourceExhausted, "MESSAGE_TOO_LARGE"),

        // Certificates: unregistered, revoked, deactivated, expired, of another authority.
        new("certificate: a health system nobody registered", BadCertificate, Certificate("health-unregistered", new PeerIdentity(Hitachinaka, Roles.HealthSystem, "stranger")),
            "CopyRegistration/GetCopy", OurCopy, Unauthenticated, "CERTIFICATE_NOT_REGISTERED", Operation),
        new("certificate: an administrator nobody registered signs in", BadCertificate, Certificate("admin-unregistered", new PeerIdentity(Hitachinaka, Roles.Administrator, "stranger")),
            "Staff/SignIn", Message("a sign-in", _ => new SignInRequest()), Unauthenticated, "CERTIFICATE_NOT_REGISTERED", Operation),
        new("certificate: our own gateway's certificate plays the hub", BadCertificate, Certificate("gateway-hitachinaka", new PeerIdentity(Hitachinaka, Roles.Gateway, "gateway")),
            "Provision/Provide", Inquiry("a valid inquiry"), Unauthenticated, "CERTIFICATE_NOT_REGISTERED", Operation),
        new("certificate: revoked while its connection is open", BadCertificate, new("a revoked health system on its open connection", s => Task.FromResult(s.RevokedOnOpenConnection)),
            "CopyRegistration/GetCopy", OurCopy, Unauthenticated, "CERTIFICATE_REVOKED", Operation),
        new("certificate: revoked, on a new connection", BadCertificate, Certificate("health-revoked", new PeerIdentity(Hitachinaka, Roles.HealthSystem, "health-revoked")),
            "CopyRegistration/GetCopy", OurCopy, Unavailable, null),
        new("certificate: a system that was deactivated", BadCertificate, Certificate("health-deactivated", new PeerIdentity(Hitachinaka, Roles.HealthSystem, "health-deactivated")),
            "CopyRegistration/GetCopy", OurCopy, Unauthenticated, "SYSTEM_DEACTIVATED", Operation),
        new("certificate: issued by another authority", BadCertificate, Handshake("a health system of a foreign authority",
            _ => DevCertificateAuthority.Create("Foreign CA").Issue(OurHealthSystemPeer, CertificateUsage.Client)), "CopyRegistration/GetCopy", OurCopy, Unavailable, null),
        new("certificate: expired", BadCertificate, Handshake("a health system whose certificate expired 4 minutes ago",
            s => s.Network.Pki.Authority.Issue(OurHealthSystemPeer, CertificateUsage.Client, TimeSpan.FromMinutes(1))), "CopyRegistration/GetCopy", OurCopy, Unavailable, null),
        new("certificate: issued for servers only", BadCertificate, Handshake("a health system with a serverAuth-only certificate",
            s => s.Network.Pki.Authority.Issue(OurHealthSystemPeer, CertificateUsage.Server)), "CopyRegistration/GetCopy", OurCopy, Unavailable, null),

        // Stolen session tokens.
        new("stolen token: a reviewer's token used with the auditor's certificate", StolenSession, TokenWith(Roles.Auditor, s => s.TokenOf(Roles.Reviewer), "the reviewer's token"),
            "Review/GetHeld", AnyHeld, Unauthenticated, "SESSION_CERTIFICATE_MISMATCH", Operation),
        new("stolen token: used after its owner signed out", StolenSession, TokenWith(Roles.Auditor, s => s.SignedOutToken, "a signed-out token"),
            "Records/Verify", Message("a verification", _ => new VerifyRequest()), Unauthenticated, "SESSION_ENDED", Operation),
        new("stolen token: used past the session's lifetime", StolenSession, TokenWith(Roles.Reviewer, s => s.ExpiredToken, "an expired token"),
            "Review/GetHeld", AnyHeld, Unauthenticated, "SESSION_EXPIRED", new Written(Written.OperationLog, 2)),
        new("stolen token: a token that was never issued", StolenSession, TokenWith(Roles.Reviewer, _ => "bm90LWEtdG9rZW4", "a made-up token"),
            "Review/GetHeld", AnyHeld, Unauthenticated, "SESSION_UNKNOWN", Operation),
        new("stolen token: a 4 KB token", StolenSession, TokenWith(Roles.Reviewer, _ => new string('A', 4096), "a 4 KB token"),
            "Review/GetHeld", AnyHeld, Unauthenticated, "SESSION_UNKNOWN", Operation),
        new("stolen token: a reviewer's token with our health system's certificate", StolenSession,
            CertificateWithStaffToken(OurHealthSystemCertificate, OurHealthSystemPeer, Roles.Reviewer), "Review/ListHeld",
            Message("the first page", _ => new ListHeldRequest()), PermissionDenied, Denied, Operation),
        new("stolen token: an administrator's token with the hub's certificate", StolenSession,
            CertificateWithStaffToken("hub-as-client", new PeerIdentity(HubCode, Roles.Network, "provision-network"), Roles.Administrator), "Administration/ListStaff",
            Message("every staff member", _ => new ListStaffRequest()), PermissionDenied, Denied, Operation),
        new("stolen token: our reviewer's token with Mito's reviewer certificate", StolenSession,
            CertificateWithStaffToken("staff-reviewer-mito", new PeerIdentity(Mito, Roles.Reviewer, "staff-reviewer"), Roles.Reviewer), "Review/ListHeld",
            Message("the first page", _ => new ListHeldRequest()), Unauthenticated, "OTHER_INSTITUTION", Operation),
    ];
}
