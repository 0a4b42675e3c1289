using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Linkage.Transport;
using static Linkage.Testing.TestNetwork;
using StaffContract = Linkage.Contracts.V1.Staff;

namespace Linkage.EndToEnd.Tests;

/// <summary>A session is stored (its token only as a hash), so it outlives a restart of the gateway; its end does too.</summary>
public sealed class StaffSessionRestartTests : IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync(populationSize: 10);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task A_session_survives_a_restart_of_the_gateway_and_a_signed_out_one_stays_ended()
    {
        _network.StaffWithoutSession(_network.Hitachi, Roles.Auditor);
        var name = $"staff-{Roles.Auditor}-{Hitachinaka}";
        var peer = new PeerIdentity(Hitachinaka, Roles.Auditor, "staff-" + Roles.Auditor);
        var kept = await _network.SignInAsync(_network.Hitachi, name, peer);
        var ended = await _network.SignInAsync(_network.Hitachi, name, peer);
        var before = await new StaffContract.StaffClient(_network.SessionChannel(_network.Hitachi, name, peer, kept)).WhoAmIAsync(new WhoAmIRequest());
        await new StaffContract.StaffClient(_network.SessionChannel(_network.Hitachi, name, peer, ended)).SignOutAsync(new SignOutRequest());

        await _network.RestartHitachiAsync();

        var after = await new StaffContract.StaffClient(_network.SessionChannel(_network.Hitachi, name, peer, kept)).WhoAmIAsync(new WhoAmIRequest());
        Assert.Equal(before.Session.SessionId, after.Session.SessionId);
        Assert.Equal("staff-" + Roles.Auditor, after.Staff.StaffId);
        var refused = await Assert.ThrowsAsync<RpcException>(() => new Contracts.V1.Records.RecordsClient(
            _network.SessionChannel(_network.Hitachi, name, peer, ended)).VerifyAsync(new VerifyRequest()).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, "SESSION_ENDED"), (refused.StatusCode, refused.Reason()));
        _network.AssertLogsClean(kept, ended);
    }
}
