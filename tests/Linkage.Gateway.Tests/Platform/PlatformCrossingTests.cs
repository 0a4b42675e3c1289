using Grpc.Core;
using Linkage.Transport;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Serilog.Events;
using static Linkage.Gateway.Tests.Platform.PlatformNetwork;
using DomainOutcome = Linkage.Domain.Answers.ProvisionOutcome;
using OperationOutcome = Linkage.Domain.Staff.OperationOutcome;

namespace Linkage.Gateway.Tests.Platform;

/// <summary>
/// Every way from one institution on the node to another's: each is refused, and recorded by the institution that
/// refused it (its provision records or operation log), or by the node when no institution could be named.
/// </summary>
[Collection(OnePlatformNode.Name)]
public sealed class PlatformCrossingTests(PlatformNetwork network)
{
    [Fact(Timeout = 120_000)]
    public async Task A_permit_for_one_institution_sent_with_anothers_audience_is_refused_and_recorded_by_that_other()
    {
        await network.ProvideableAsync(Hitachinaka, 20, "150.5");
        var permit = network.Permit(Hitachinaka, 20, Tsukuba);
        var hitachinakaBefore = (await network.RecordsAsync(Hitachinaka)).Count;
        var mitoBefore = (await network.RecordsAsync(Mito)).Count;

        var error = await Assert.ThrowsAsync<RpcException>(() => network.ProvideAsync(Mito, permit));

        Assert.Equal("PERMIT_WRONG_AUDIENCE", error.Reason());
        var recorded = Assert.Single((await network.RecordsAsync(Mito)).Skip(mitoBefore));
        Assert.Equal((permit.PermitId, DomainOutcome.NotProvided, "PERMIT_WRONG_AUDIENCE"), (recorded.PermitId, recorded.Outcome, recorded.Reason));
        Assert.Equal(hitachinakaBefore, (await network.RecordsAsync(Hitachinaka)).Count);
        // Mito did not spend the permit: the institution it was issued for still answers it.
        var answer = await network.ProvideAsync(Hitachinaka, permit);
        Assert.Contains("150.5", network.Open(answer));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_hubs_call_for_an_institution_not_on_the_node_or_for_none_is_refused_by_the_node_and_logged()
    {
        var permit = network.Permit(Hitachinaka, 21, Mito);
        var before = await RecordCountsAsync();

        var notServed = await Assert.ThrowsAsync<RpcException>(() => network.ProvideAsync(NotServed, permit));
        var unnamed = await Assert.ThrowsAsync<RpcException>(() => network.ProvideAsync(null, permit));
        var malformed = await Assert.ThrowsAsync<RpcException>(() => network.ProvideAsync("not-a-code-42", permit));

        Assert.Equal((StatusCode.PermissionDenied, "INSTITUTION_NOT_SERVED"), (notServed.StatusCode, notServed.Reason()));
        Assert.Equal((StatusCode.InvalidArgument, "AUDIENCE_REQUIRED"), (unnamed.StatusCode, unnamed.Reason()));
        Assert.Equal((StatusCode.InvalidArgument, "AUDIENCE_REQUIRED"), (malformed.StatusCode, malformed.Reason()));
        Assert.Equal(before, await RecordCountsAsync());
        var refusals = NodeRefusals();
        Assert.Contains(refusals, e => Property(e, "Reason") == "INSTITUTION_NOT_SERVED" && Property(e, "Audience") == NotServed
            && Property(e, "Method") == "/linkage.v1.Provision/Provide" && Property(e, "Role") == Roles.Network);
        Assert.Contains(refusals, e => Property(e, "Reason") == "AUDIENCE_REQUIRED" && Property(e, "Audience") == "none");
        Assert.DoesNotContain("not-a-code-42", network.NodeLogs.AllText(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_certificate_of_an_institution_not_on_the_node_is_refused_and_logged_without_its_holders_name()
    {
        var system = network.Channel("health-not-served", new PeerIdentity(NotServed, Roles.HealthSystem, "health-system"));
        var staff = network.Channel("staff-not-served", new PeerIdentity(NotServed, Roles.Reviewer, "山田花子"));

        var copy = await Assert.ThrowsAsync<RpcException>(() => new CopyRegistration.CopyRegistrationClient(system).GetCopyAsync(
            new GetCopyRequest { InternalAddressNumber = "082990000000001", InformationNameCode = TestNetwork.Osteoporosis, RecordKey = "k" }).ResponseAsync);
        var signIn = await Assert.ThrowsAsync<RpcException>(() =>
            new Contracts.V1.Staff.StaffClient(staff).SignInAsync(new SignInRequest()).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, "INSTITUTION_NOT_SERVED"), (copy.StatusCode, copy.Reason()));
        Assert.Equal((StatusCode.PermissionDenied, "INSTITUTION_NOT_SERVED"), (signIn.StatusCode, signIn.Reason()));
        Assert.Contains(NodeRefusals(), e => Property(e, "Role") == Roles.Reviewer && Property(e, "CertificateInstitution") == NotServed
            && Property(e, "Method") == "/linkage.v1.Staff/SignIn");
        var logs = network.NodeLogs.AllText() + network.InstitutionLogs.AllText();
        Assert.DoesNotContain("山田花子", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("082990000000001", logs, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_certificate_of_one_institution_naming_another_as_audience_is_refused_by_its_own_and_logged_there()
    {
        var system = new CopyRegistration.CopyRegistrationClient(WithAudience(network.BackOffice(Hitachinaka, Roles.HealthSystem), Mito));
        var mitoBefore = (await network.OperationsAsync(Mito)).Count;

        var error = await Assert.ThrowsAsync<RpcException>(() => system.GetCopyAsync(new GetCopyRequest
            { InternalAddressNumber = network.Population.InternalAddressNumberOf(22, Prefixes[Mito]), InformationNameCode = TestNetwork.Osteoporosis, RecordKey = "2025-57-1" }).ResponseAsync);

        Assert.Equal("OTHER_INSTITUTION", error.Reason());
        var entry = (await network.OperationsAsync(Hitachinaka))[^1];
        Assert.Equal((CallerKind.System, Roles.HealthSystem, OperationOutcome.Refused, "OTHER_INSTITUTION"),
            (entry.ActorKind, entry.ActorId, entry.Outcome, entry.Reason));
        Assert.Equal(mitoBefore, (await network.OperationsAsync(Mito)).Count);
    }

    private async Task<Dictionary<string, int>> RecordCountsAsync()
    {
        var counts = new Dictionary<string, int>();
        foreach (var institution in Institutions) counts[institution] = (await network.RecordsAsync(institution)).Count;
        return counts;
    }

    private List<LogEvent> NodeRefusals() =>
        network.NodeLogs.Events.Where(e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.Contains("refused", StringComparison.Ordinal)).ToList();

    private static string? Property(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: var v } ? v?.ToString() : null;
}
