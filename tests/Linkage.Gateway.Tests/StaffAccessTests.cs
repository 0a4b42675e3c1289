using System.Net;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StaffContract = Linkage.Contracts.V1.Staff;
using OperationOutcome = Linkage.Domain.Staff.OperationOutcome;
using RecordsContract = Linkage.Contracts.V1.Records;
using AdministrationContract = Linkage.Contracts.V1.Administration;

namespace Linkage.Gateway.Tests;

/// <summary>
/// Only identified staff, in their own session, within their own scope: each way in that must fail is refused with
/// its reason, written to the operation log, and changes nothing.
/// </summary>
public sealed class StaffAccessTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private GatewayOnTestServer _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayOnTestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Staff:IdleTimeout"] = "00:15:00",
        ["Staff:SessionLifetime"] = "08:00:00",
        ["Staff:SignInNetworks:0"] = "127.0.0.0/8",
        ["Staff:SignInNetworks:1"] = "10.20.0.0/16",
    }, services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task An_unregistered_certificate_from_our_authority_is_unauthenticated_and_logged()
    {
        var stranger = _gateway.Certificate(Roles.Administrator);
        var error = await RefusedAsync(() => new StaffContract.StaffClient(_gateway.Raw(stranger)).SignInAsync(new SignInRequest()).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, "CERTIFICATE_NOT_REGISTERED"), error);
        var entry = await LastOperationAsync();
        Assert.Equal((CallerKind.Unregistered, stranger.SerialNumber, OperationOutcome.Refused, "CERTIFICATE_NOT_REGISTERED"),
            (entry.ActorKind, entry.ActorId, entry.Outcome, entry.Reason));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_staff_call_without_a_session_is_told_to_sign_in()
    {
        var certificate = _gateway.Certificate(Roles.Auditor);
        var id = _gateway.RegisterStaff(certificate, Roles.Auditor);
        var error = await RefusedAsync(() => Records(_gateway.Raw(certificate)).VerifyAsync(new VerifyRequest()).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, "SESSION_REQUIRED"), error);
        Assert.Equal((id, "/linkage.v1.Records/Verify", "SESSION_REQUIRED"), Who(await LastOperationAsync()));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_token_that_was_never_issued_is_refused()
    {
        var certificate = _gateway.Certificate(Roles.Auditor);
        _gateway.RegisterStaff(certificate, Roles.Auditor);
        var error = await RefusedAsync(() => Records(_gateway.Raw(certificate, "not-a-token")).VerifyAsync(new VerifyRequest()).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, "SESSION_UNKNOWN"), error);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_token_presented_with_another_certificate_is_refused()
    {
        var owner = _gateway.Certificate(Roles.Auditor);
        var other = _gateway.Certificate(Roles.Auditor);
        _gateway.RegisterStaff(owner, Roles.Auditor);
        var otherId = _gateway.RegisterStaff(other, Roles.Auditor);
        var token = _gateway.SignIn(owner);
        var error = await RefusedAsync(() => Records(_gateway.Raw(other, token)).VerifyAsync(new VerifyRequest()).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, "SESSION_CERTIFICATE_MISMATCH"), error);
        Assert.Equal((otherId, "/linkage.v1.Records/Verify", "SESSION_CERTIFICATE_MISMATCH"), Who(await LastOperationAsync()));
        // The owner's session is untouched.
        await Records(_gateway.Raw(owner, token)).VerifyAsync(new VerifyRequest());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_session_left_idle_is_signed_out_and_its_end_is_logged()
    {
        var certificate = _gateway.Certificate(Roles.Auditor);
        var id = _gateway.RegisterStaff(certificate, Roles.Auditor);
        var records = Records(_gateway.Raw(certificate, _gateway.SignIn(certificate)));
        _clock.Advance(TimeSpan.FromMinutes(14));
        await records.VerifyAsync(new VerifyRequest()); // activity moves the idle end on
        _clock.Advance(TimeSpan.FromMinutes(14));
        await records.VerifyAsync(new VerifyRequest());
        _clock.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal((StatusCode.Unauthenticated, "SESSION_IDLE_TIMEOUT"), await RefusedAsync(() => records.VerifyAsync(new VerifyRequest()).ResponseAsync));
        Assert.Equal((StatusCode.Unauthenticated, "SESSION_ENDED"), await RefusedAsync(() => records.VerifyAsync(new VerifyRequest()).ResponseAsync));
        var operations = await OperationsAsync();
        Assert.Contains(operations, o => o.ActorId == id && o.Rpc == "session/idle-timeout");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_left_terminal_is_signed_out_by_the_sweep_without_another_call()
    {
        var certificate = _gateway.Certificate(Roles.Auditor);
        var id = _gateway.RegisterStaff(certificate, Roles.Auditor);
        _gateway.SignIn(certificate);
        _clock.Advance(TimeSpan.FromMinutes(16));

        // The session sweep job may take it first (on PostgreSQL its leader runs at once on the advanced clock): the
        // session must end exactly once, by whichever sweep, with its entry in the operation log.
        await _gateway.Services.GetRequiredService<StaffSessions>().SweepAsync(CancellationToken.None);
        Assert.Single(await OperationsAsync(), o => o.ActorId == id && o.Rpc == "session/idle-timeout");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_busy_session_still_ends_at_its_absolute_lifetime()
    {
        var certificate = _gateway.Certificate(Roles.Auditor);
        _gateway.RegisterStaff(certificate, Roles.Auditor);
        var records = Records(_gateway.Raw(certificate, _gateway.SignIn(certificate)));
        for (var hour = 0; hour < 8 * 6; hour++)
        {
            _clock.Advance(TimeSpan.FromMinutes(10));
            if (hour < 8 * 6 - 1) await records.VerifyAsync(new VerifyRequest());
        }
        Assert.Equal((StatusCode.Unauthenticated, "SESSION_EXPIRED"), await RefusedAsync(() => records.VerifyAsync(new VerifyRequest()).ResponseAsync));
    }

    [Fact(Timeout = 60_000)]
    public async Task Signing_out_ends_the_session()
    {
        var certificate = _gateway.Certificate(Roles.Auditor);
        _gateway.RegisterStaff(certificate, Roles.Auditor);
        var channel = _gateway.Raw(certificate, _gateway.SignIn(certificate));
        await new StaffContract.StaffClient(channel).SignOutAsync(new SignOutRequest());
        Assert.Equal((StatusCode.Unauthenticated, "SESSION_ENDED"), await RefusedAsync(() => Records(channel).VerifyAsync(new VerifyRequest()).ResponseAsync));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_deactivated_staff_member_is_refused_at_once_also_in_an_open_session_and_cannot_sign_in()
    {
        var certificate = _gateway.Certificate(Roles.Auditor);
        var id = _gateway.RegisterStaff(certificate, Roles.Auditor);
        var open = Records(_gateway.Raw(certificate, _gateway.SignIn(certificate)));
        var admin = new AdministrationContract.AdministrationClient(_gateway.Channel(Roles.Administrator));

        var deactivated = await admin.DeactivateStaffAsync(new DeactivateStaffRequest { StaffId = id, Reason = "退職" });
        Assert.NotNull(deactivated.DeactivatedAt);

        Assert.Equal((StatusCode.Unauthenticated, "STAFF_DEACTIVATED"), await RefusedAsync(() => open.VerifyAsync(new VerifyRequest()).ResponseAsync));
        Assert.Equal((StatusCode.Unauthenticated, "STAFF_DEACTIVATED"),
            await RefusedAsync(() => new StaffContract.StaffClient(_gateway.Raw(certificate)).SignInAsync(new SignInRequest()).ResponseAsync));
        var operations = await OperationsAsync();
        Assert.Contains(operations, o => o.ActorId == id && o.Rpc == "session/staff-deactivated");
        Assert.Contains(operations, o => o.Rpc == "/linkage.v1.Administration/DeactivateStaff" && o.Target == $"staff:{id}" && o.Outcome == OperationOutcome.Done);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_lost_card_unbound_signs_nobody_in_and_ends_its_sessions()
    {
        var certificate = _gateway.Certificate(Roles.Auditor);
        _gateway.RegisterStaff(certificate, Roles.Auditor);
        var open = Records(_gateway.Raw(certificate, _gateway.SignIn(certificate)));
        var admin = new AdministrationContract.AdministrationClient(_gateway.Channel(Roles.Administrator));

        await admin.UnbindCertificateAsync(new UnbindCertificateRequest { ThumbprintSha256 = Linkage.Transport.CertificateReferences.Thumbprint(certificate) });

        Assert.Equal((StatusCode.Unauthenticated, "CERTIFICATE_NOT_REGISTERED"), await RefusedAsync(() => open.VerifyAsync(new VerifyRequest()).ResponseAsync));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_reviewer_restricted_to_one_information_name_may_not_read_another()
    {
        var certificate = _gateway.Certificate(Roles.Reviewer);
        var id = _gateway.RegisterStaff(certificate, Roles.Reviewer, [TestNetwork.Osteoporosis]);
        var records = Records(_gateway.Raw(certificate, _gateway.SignIn(certificate)));
        var person = "082210000000001";

        await records.DiscloseAsync(new DiscloseRequest { InternalAddressNumber = person, InformationNameCode = TestNetwork.Osteoporosis });
        var error = await RefusedAsync(() => records.DiscloseAsync(new DiscloseRequest
            { InternalAddressNumber = person, InformationNameCode = TestNetwork.Cancer }).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, "INFORMATION_NAME_NOT_ALLOWED"), error);
        var entry = await LastOperationAsync();
        Assert.Equal((id, "/linkage.v1.Records/Disclose", "INFORMATION_NAME_NOT_ALLOWED"), Who(entry));
        Assert.Contains($"person:{person}", entry.Target);
    }

    [Fact(Timeout = 60_000)]
    public async Task Staff_sign_in_from_a_network_not_on_the_allow_list_is_refused()
    {
        var certificate = _gateway.Certificate(Roles.Auditor);
        var id = _gateway.RegisterStaff(certificate, Roles.Auditor);
        Assert.NotEmpty(_gateway.SignIn(certificate, IPAddress.Parse("10.20.3.4")));

        var error = await RefusedAsync(() => new StaffContract.StaffClient(_gateway.Raw(certificate, from: IPAddress.Parse("192.0.2.7")))
            .SignInAsync(new SignInRequest()).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, "SIGN_IN_NETWORK_NOT_ALLOWED"), error);
        Assert.Equal((id, "/linkage.v1.Staff/SignIn", "SIGN_IN_NETWORK_NOT_ALLOWED"), Who(await LastOperationAsync()));
    }

    [Fact(Timeout = 60_000)]
    public async Task Every_staff_call_reads_included_is_in_the_operation_log_whose_chain_verifies()
    {
        var auditor = new RecordsContract.RecordsClient(_gateway.Channel(Roles.Auditor));
        var whoAmI = await new StaffContract.StaffClient(_gateway.Channel(Roles.Reviewer)).WhoAmIAsync(new WhoAmIRequest());
        await auditor.DiscloseAsync(new DiscloseRequest { InternalAddressNumber = "082210000000002" });

        var operations = (await auditor.ListOperationsAsync(new ListOperationsRequest())).Operations;
        Assert.Contains(operations, o => o.Rpc == "/linkage.v1.Staff/SignIn" && o.ActorId == whoAmI.Staff.StaffId && o.SessionId == whoAmI.Session.SessionId);
        Assert.Contains(operations, o => o.Rpc == "/linkage.v1.Staff/WhoAmI" && o.SessionId == whoAmI.Session.SessionId);
        Assert.Contains(operations, o => o.Rpc == "/linkage.v1.Records/Disclose" && o.Target.Contains("person:082210000000002", StringComparison.Ordinal));
        var verified = await auditor.VerifyAsync(new VerifyRequest { Chain = Chain.OperationLog });
        var chain = Assert.Single(verified.Chains);
        Assert.True(verified.Intact && chain.Intact, chain.Description);
        Assert.True(chain.EntriesChecked >= operations.Count);
        // Personal data stays in the database: the text logs never name the person.
        Assert.DoesNotContain("082210000000002", _gateway.Logs.AllText(), StringComparison.Ordinal);
    }

    private static RecordsContract.RecordsClient Records(Grpc.Net.Client.GrpcChannel channel) => new(channel);

    private static (string, string, string) Who(OperationEntry entry) => (entry.ActorId, entry.Rpc, entry.Reason);

    private static async Task<(StatusCode, string?)> RefusedAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        return (error.StatusCode, error.Reason());
    }

    private async Task<List<OperationEntry>> OperationsAsync()
    {
        var reader = _gateway.Services.GetRequiredService<IOperationLogReader>();
        var all = new List<OperationEntry>();
        await foreach (var link in reader.ReadAllAsync("node-1", CancellationToken.None)) all.Add(link.Entry);
        return all;
    }

    private async Task<OperationEntry> LastOperationAsync() => (await OperationsAsync())[^1];
}
