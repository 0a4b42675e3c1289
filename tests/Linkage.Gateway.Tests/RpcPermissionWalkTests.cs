using Grpc.AspNetCore.Server;
using Grpc.Core;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Gateway.Tests;

/// <summary>
/// Walks every RPC the gateway serves × every role × our own or another institution, and compares who got through
/// with the table below, written out by hand as the specification: the code's table (RpcPermissions) must agree.
/// A method that is served but missing below fails the walk, so nothing new is opened unnoticed.
/// </summary>
public sealed class RpcPermissionWalkTests : IAsyncLifetime
{
    private const string Any = "*";
    private const string SignIn = "staff certificate";

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["/linkage.v1.CopyRegistration/RegisterCopy"] = [Roles.HealthSystem],
        ["/linkage.v1.CopyRegistration/RegisterCopies"] = [Roles.HealthSystem],
        ["/linkage.v1.CopyRegistration/DeleteCopy"] = [Roles.HealthSystem],
        ["/linkage.v1.CopyRegistration/GetCopy"] = [Roles.HealthSystem],
        ["/linkage.v1.CopyRegistration/SetHoldFlag"] = [Roles.HealthSystem],
        ["/linkage.v1.CopyRegistration/ClearHoldFlag"] = [Roles.HealthSystem],
        ["/linkage.v1.Inquiry/Inquire"] = [Roles.HealthSystem],
        ["/linkage.v1.Inquiry/GetInquiryResult"] = [Roles.HealthSystem],
        ["/linkage.v1.Inquiry/ListPendingResults"] = [Roles.HealthSystem],
        ["/linkage.v1.SymbolManagement/AcquireSymbol"] = [Roles.AddressSystem],
        ["/linkage.v1.SymbolManagement/AcquireSymbols"] = [Roles.AddressSystem],
        ["/linkage.v1.SymbolManagement/GetMapping"] = [Roles.AddressSystem],
        ["/linkage.v1.SymbolManagement/RetirePerson"] = [Roles.AddressSystem],
        ["/linkage.v1.Provision/Provide"] = [Roles.Network],
        ["/linkage.v1.Provision/DeliverAnswer"] = [Roles.Network],
        ["/linkage.v1.Staff/SignIn"] = [SignIn],
        ["/linkage.v1.Staff/WhoAmI"] = [Roles.Reviewer, Roles.Administrator, Roles.Auditor],
        ["/linkage.v1.Staff/SignOut"] = [Roles.Reviewer, Roles.Administrator, Roles.Auditor],
        ["/linkage.v1.Records/ListRecords"] = [Roles.Auditor, Roles.Administrator],
        ["/linkage.v1.Records/Disclose"] = [Roles.Auditor, Roles.Administrator, Roles.Reviewer],
        ["/linkage.v1.Records/MarkNonDisclosure"] = [Roles.Administrator],
        ["/linkage.v1.Records/Verify"] = [Roles.Auditor, Roles.Administrator],
        ["/linkage.v1.Records/ListOperations"] = [Roles.Auditor],
        ["/linkage.v1.Review/ListHeld"] = [Roles.Reviewer],
        ["/linkage.v1.Review/GetHeld"] = [Roles.Reviewer],
        ["/linkage.v1.Review/PreviewAnswer"] = [Roles.Reviewer],
        ["/linkage.v1.Review/Approve"] = [Roles.Reviewer],
        ["/linkage.v1.Review/Decline"] = [Roles.Reviewer],
        ["/linkage.v1.Tickets/RegisterTicket"] = [Roles.Reviewer, Roles.Administrator],
        ["/linkage.v1.Tickets/AddTicketStep"] = [Roles.Reviewer, Roles.Administrator],
        ["/linkage.v1.Tickets/GetTicket"] = [Roles.Reviewer, Roles.Administrator, Roles.Auditor],
        ["/linkage.v1.Tickets/ListTickets"] = [Roles.Reviewer, Roles.Administrator, Roles.Auditor],
        ["/linkage.v1.Administration/GetStatistics"] = [Roles.Administrator],
        ["/linkage.v1.Administration/SyncPermittedList"] = [Roles.Administrator],
        ["/linkage.v1.Administration/ListStaff"] = [Roles.Administrator],
        ["/linkage.v1.Administration/AddStaff"] = [Roles.Administrator],
        ["/linkage.v1.Administration/DeactivateStaff"] = [Roles.Administrator],
        ["/linkage.v1.Administration/ListSystems"] = [Roles.Administrator],
        ["/linkage.v1.Administration/AddSystem"] = [Roles.Administrator],
        ["/linkage.v1.Administration/DeactivateSystem"] = [Roles.Administrator],
        ["/linkage.v1.Administration/BindCertificate"] = [Roles.Administrator],
        ["/linkage.v1.Administration/UnbindCertificate"] = [Roles.Administrator],
        ["/linkage.v1.Administration/SetHoldFlag"] = [Roles.Administrator],
        ["/linkage.v1.Administration/ClearHoldFlag"] = [Roles.Administrator],
        ["/linkage.v1.Administration/ListHoldFlags"] = [Roles.Administrator],
        ["/linkage.v1.Administration/ListJobs"] = [Roles.Administrator],
        ["/linkage.v1.Administration/RetryDelivery"] = [Roles.Administrator],
        ["/linkage.v1.Administration/ExtendDeadline"] = [Roles.Administrator],
        ["/grpc.health.v1.Health/Check"] = [Any],
        ["/grpc.health.v1.Health/Watch"] = [Any],
        ["/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = [Any],
        ["/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = [Any],
    };

    private static readonly string[] WalkedRoles =
        [Roles.Network, Roles.Gateway, Roles.HealthSystem, Roles.AddressSystem, Roles.Reviewer, Roles.Administrator, Roles.Auditor];

    private GatewayOnTestServer _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayOnTestServer.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact(Timeout = 240_000)]
    public async Task Every_rpc_answers_every_role_of_either_institution_as_the_table_says()
    {
        var served = ServedMethods();
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), served.Select(m => m.FullName).Order(StringComparer.Ordinal));

        var mismatches = new List<string>();
        foreach (var role in WalkedRoles)
        {
            foreach (var own in new[] { true, false })
            {
                var institution = role == Roles.Network ? (own ? TestNetwork.HubCode : TestNetwork.Mito) : (own ? GatewayOnTestServer.Institution : TestNetwork.Mito);
                var invoker = _gateway.Channel(role, institution).CreateCallInvoker();
                // SignOut last: it ends the session the other staff calls use.
                foreach (var method in served.OrderBy(m => m.FullName.EndsWith("/SignOut", StringComparison.Ordinal)))
                {
                    var expected = ExpectedOutcome(method.FullName, role, own);
                    var actual = await CallAsync(invoker, method);
                    if (expected != actual) mismatches.Add($"{method.FullName} as {role} ({(own ? "own" : "other")}): expected {expected}, got {actual}");
                }
            }
        }
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    private static string ExpectedOutcome(string method, string role, bool own)
    {
        if (!own) return "refused OTHER_INSTITUTION";
        if (role == Roles.Gateway) return "refused CERTIFICATE_NOT_REGISTERED";
        var allowed = Expected[method];
        return allowed.Contains(Any) || allowed.Contains(role) || (allowed.Contains(SignIn) && Roles.Staff.Contains(role))
            ? "allowed" : "refused PEER_NOT_AUTHORIZED";
    }

    private List<IMethod> ServedMethods() =>
        _gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method)
            .OfType<IMethod>()
            .DistinctBy(m => m.FullName)
            .ToList();

    /// <summary>Calls with an empty message (every field at its default): whatever the service then says, it was let in.</summary>
    private static async Task<string> CallAsync(CallInvoker invoker, IMethod served)
    {
        var raw = Marshallers.Create(b => b, b => b);
        var method = new Method<byte[], byte[]>(served.Type, served.ServiceName, served.Name, raw, raw);
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(20));
        try
        {
            switch (served.Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(method, null, options, []);
                    break;
                case MethodType.ClientStreaming:
                    using (var call = invoker.AsyncClientStreamingCall(method, null, options))
                    {
                        await call.RequestStream.CompleteAsync();
                        await call.ResponseAsync;
                    }
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(method, null, options, []))
                        await call.ResponseStream.MoveNext(CancellationToken.None);
                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(method, null, options))
                    {
                        await call.RequestStream.CompleteAsync();
                        while (await call.ResponseStream.MoveNext(CancellationToken.None)) { }
                    }
                    break;
            }
            return "allowed";
        }
        catch (RpcException error) when (error.StatusCode is StatusCode.PermissionDenied or StatusCode.Unauthenticated
            && error.Reason() is "PEER_NOT_AUTHORIZED" or "OTHER_INSTITUTION" or "CERTIFICATE_NOT_REGISTERED" or "SESSION_REQUIRED")
        {
            return "refused " + error.Reason();
        }
        catch (RpcException)
        {
            return "allowed";
        }
    }
}
