using System.Collections.Frozen;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using ProvisionContract = Linkage.Contracts.V1.Provision;
using RecordsContract = Linkage.Contracts.V1.Records;
using AdministrationContract = Linkage.Contracts.V1.Administration;
using StaffContract = Linkage.Contracts.V1.Staff;
using ReviewContract = Linkage.Contracts.V1.Review;
using TicketsContract = Linkage.Contracts.V1.Tickets;

namespace Linkage.Gateway.Access;

/// <summary>
/// Who may call each RPC of the gateway: the one place where this is said. A method not in this table is refused to
/// everyone (deny by default). The README's roles table is printed from here.
/// </summary>
public static class RpcPermissions
{
    private static readonly string[] StaffRoles = [Roles.Reviewer, Roles.Administrator, Roles.Auditor];

    public static readonly FrozenDictionary<string, RpcRule> Rules = new RpcRule[]
    {
        Rpc(CopyRegistration.Descriptor, "RegisterCopy", Roles.HealthSystem),
        Rpc(CopyRegistration.Descriptor, "RegisterCopies", Roles.HealthSystem),
        Rpc(CopyRegistration.Descriptor, "DeleteCopy", Roles.HealthSystem),
        Rpc(CopyRegistration.Descriptor, "GetCopy", Roles.HealthSystem),
        Rpc(CopyRegistration.Descriptor, "SetHoldFlag", Roles.HealthSystem),
        Rpc(CopyRegistration.Descriptor, "ClearHoldFlag", Roles.HealthSystem),
        Rpc(Inquiry.Descriptor, "Inquire", Roles.HealthSystem),
        Rpc(Inquiry.Descriptor, "GetInquiryResult", Roles.HealthSystem),
        Rpc(Inquiry.Descriptor, "ListPendingResults", Roles.HealthSystem),
        Rpc(SymbolManagement.Descriptor, "AcquireSymbol", Roles.AddressSystem),
        Rpc(SymbolManagement.Descriptor, "AcquireSymbols", Roles.AddressSystem),
        Rpc(SymbolManagement.Descriptor, "GetMapping", Roles.AddressSystem),
        Rpc(SymbolManagement.Descriptor, "RetirePerson", Roles.AddressSystem),
        Rpc(ProvisionContract.Descriptor, "Provide", Roles.Network),
        Rpc(ProvisionContract.Descriptor, "DeliverAnswer", Roles.Network),
        new RpcRule(Path(StaffContract.Descriptor, "SignIn"), RpcGrant.StaffCertificate, FrozenSet<string>.Empty),
        Rpc(StaffContract.Descriptor, "SignOut", StaffRoles),
        Rpc(StaffContract.Descriptor, "WhoAmI", StaffRoles),
        Rpc(RecordsContract.Descriptor, "ListRecords", Roles.Auditor, Roles.Administrator),
        Rpc(RecordsContract.Descriptor, "Disclose", Roles.Auditor, Roles.Administrator, Roles.Reviewer),
        Rpc(RecordsContract.Descriptor, "MarkNonDisclosure", Roles.Administrator),
        Rpc(RecordsContract.Descriptor, "Verify", Roles.Auditor, Roles.Administrator),
        Rpc(RecordsContract.Descriptor, "ListOperations", Roles.Auditor),
        Rpc(ReviewContract.Descriptor, "ListHeld", Roles.Reviewer),
        Rpc(ReviewContract.Descriptor, "GetHeld", Roles.Reviewer),
        Rpc(ReviewContract.Descriptor, "PreviewAnswer", Roles.Reviewer),
        Rpc(ReviewContract.Descriptor, "Approve", Roles.Reviewer),
        Rpc(ReviewContract.Descriptor, "Decline", Roles.Reviewer),
        // The person's requests are handled by the staff who also disclose records to them (reviewers) and by
        // administrators; auditors read them, as they read every other record of what staff did.
        Rpc(TicketsContract.Descriptor, "RegisterTicket", Roles.Reviewer, Roles.Administrator),
        Rpc(TicketsContract.Descriptor, "AddTicketStep", Roles.Reviewer, Roles.Administrator),
        Rpc(TicketsContract.Descriptor, "GetTicket", Roles.Reviewer, Roles.Administrator, Roles.Auditor),
        Rpc(TicketsContract.Descriptor, "ListTickets", Roles.Reviewer, Roles.Administrator, Roles.Auditor),
        AnyCaller("/grpc.health.v1.Health/Check"),
        AnyCaller("/grpc.health.v1.Health/Watch"),
        AnyCaller("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"),
        AnyCaller("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"),
    }.Concat(AdministrationContract.Descriptor.Methods.Select(m => Rpc(AdministrationContract.Descriptor, m.Name, Roles.Administrator)))
        .ToFrozenDictionary(r => r.Method, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="caller"/> may call <paramref name="method"/> ("/package.Service/Method").</summary>
    public static bool Allows(string method, Caller caller, bool inSession) =>
        Rules.TryGetValue(method, out var rule) && rule.Grant switch
        {
            RpcGrant.AnyCaller => true,
            RpcGrant.StaffCertificate => caller.Kind == CallerKind.Staff,
            // Staff hold their roles only inside a session; systems and the hub by certificate alone.
            _ => (caller.Kind != CallerKind.Staff || inSession) && caller.Roles.Overlaps(rule.Roles),
        };

    /// <summary>
    /// Why <paramref name="caller"/> may not call <paramref name="method"/>: null when it may; SESSION_REQUIRED for a
    /// staff member without a session on a staff method; PEER_NOT_AUTHORIZED otherwise. The gRPC port and the console
    /// both refuse by this.
    /// </summary>
    public static string? RefusalOf(string method, Caller caller)
    {
        var inSession = caller.SessionId is not null;
        if (Allows(method, caller, inSession)) return null;
        return caller.Kind == CallerKind.Staff && !inSession && IsStaffMethod(method)
            ? Domain.Errors.ErrorReasons.SessionRequired
            : Domain.Errors.ErrorReasons.PeerNotAuthorized;
    }

    public static bool IsStaffMethod(string method) =>
        Rules.TryGetValue(method, out var rule) && (rule.Grant == RpcGrant.StaffCertificate || rule.Roles.Overlaps(StaffRoles));

    private static RpcRule Rpc(ServiceDescriptor service, string method, params string[] roles)
    {
        if (service.FindMethodByName(method) is null)
            throw new InvalidOperationException($"{service.FullName} has no method {method}.");
        return new RpcRule(Path(service, method), RpcGrant.Roles, roles.ToFrozenSet(StringComparer.Ordinal));
    }

    private static RpcRule AnyCaller(string method) => new(method, RpcGrant.AnyCaller, FrozenSet<string>.Empty);

    private static string Path(ServiceDescriptor service, string method) => $"/{service.FullName}/{method}";
}

public enum RpcGrant
{
    /// <summary>Callers holding one of the rule's roles.</summary>
    Roles,

    /// <summary>A registered, active staff member's certificate without a session: signing in.</summary>
    StaffCertificate,

    /// <summary>Every authenticated caller: health checking and reflection.</summary>
    AnyCaller,
}

public sealed record RpcRule(string Method, RpcGrant Grant, IReadOnlySet<string> Roles);
