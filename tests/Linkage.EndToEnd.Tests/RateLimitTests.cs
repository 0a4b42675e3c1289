using Grpc.Core;
using Grpc.Health.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// The per-caller rate limit at a rate of one call a second and a burst of three: a caller past it is refused
/// RESOURCE_EXHAUSTED with RATE_LIMITED as a gRPC status with ErrorInfo (not a bare HTTP 429), before authorization,
/// so its refusals cost no operation-log entries; every other caller, and the hub above all, goes on.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int Burst = 3;
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync(populationSize: 20, hitachiSettings: new Dictionary<string, string?>
    {
        ["Limits:CallerCallsPerSecond"] = "1",
        ["Limits:CallerBurst"] = Burst.ToString(),
    });

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task A_caller_past_its_rate_is_refused_with_a_reason_and_other_callers_go_on()
    {
        var copies = new CopyRegistration.CopyRegistrationClient(_network.HealthSystem(_network.Hitachi, Hitachinaka));
        var outcomes = new List<(StatusCode, string?)>();
        for (var call = 0; call < 10; call++)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => copies.GetCopyAsync(new GetCopyRequest
            {
                InternalAddressNumber = _network.Population.InternalAddressNumberOf(1, HitachinakaPrefix),
                InformationNameCode = Osteoporosis,
                RecordKey = "2025-57-1",
            }).ResponseAsync);
            outcomes.Add((error.StatusCode, error.Reason()));
        }

        // The bucket's three, and one more at most if a second turned meanwhile; then refusals, each with its reason.
        Assert.All(outcomes.Take(Burst), o => Assert.Equal((StatusCode.NotFound, "COPY_NOT_FOUND"), o));
        Assert.Contains((StatusCode.ResourceExhausted, "RATE_LIMITED"), outcomes);
        Assert.All(outcomes, o => Assert.Contains(o, new (StatusCode, string?)[] { (StatusCode.NotFound, "COPY_NOT_FOUND"), (StatusCode.ResourceExhausted, "RATE_LIMITED") }));

        // Another system of the same gateway has a bucket of its own; the hub's rate is its own and far higher.
        var symbols = new SymbolManagement.SymbolManagementClient(_network.AddressSystem(_network.Hitachi, Hitachinaka));
        for (var call = 0; call < Burst; call++)
            await symbols.GetMappingAsync(new GetMappingRequest { InternalAddressNumber = _network.Population.InternalAddressNumberOf(1, HitachinakaPrefix) });
        var hub = new Health.HealthClient(_network.Channel(_network.Hitachi, "hub-probe", new PeerIdentity(HubCode, Roles.Network, "hub")));
        for (var call = 0; call < 50; call++)
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await hub.CheckAsync(new HealthCheckRequest())).Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_unregistered_certificate_flooding_the_gateway_is_cut_off_before_its_refusals_reach_the_operation_log()
    {
        var log = _network.Hitachi.Services.GetRequiredService<IOperationLogReader>();
        var stray = new CopyRegistration.CopyRegistrationClient(
            _network.Channel(_network.Hitachi, "stray-health", new PeerIdentity(Hitachinaka, Roles.HealthSystem, "stray")));
        var entriesBefore = await log.CountAsync(CancellationToken.None);

        var reasons = new List<string?>();
        for (var call = 0; call < 20; call++)
            reasons.Add((await Assert.ThrowsAsync<RpcException>(() => stray.DeleteCopyAsync(new DeleteCopyRequest()).ResponseAsync)).Reason());

        var unregistered = reasons.Count(r => r == "CERTIFICATE_NOT_REGISTERED");
        Assert.InRange(unregistered, Burst, Burst + 2);
        Assert.Equal(20 - unregistered, reasons.Count(r => r == "RATE_LIMITED"));
        // Each refusal by authentication is logged with who tried; the ones the rate limit cut off never got that far.
        Assert.Equal(entriesBefore + unregistered, await log.CountAsync(CancellationToken.None));
    }
}
