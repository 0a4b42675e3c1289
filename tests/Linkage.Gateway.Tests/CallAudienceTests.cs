using Grpc.Core;
using Grpc.Core.Interceptors;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using OperationOutcome = Linkage.Domain.Staff.OperationOutcome;

namespace Linkage.Gateway.Tests;

/// <summary>
/// A call that names another institution in linkage-audience is refused by the gateway it reached, whoever makes it,
/// and the refusal is in that gateway's operation log; a call naming this institution, or none, goes on as before.
/// </summary>
public sealed class CallAudienceTests : IAsyncLifetime
{
    private GatewayOnTestServer _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayOnTestServer.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task The_hubs_call_for_another_institution_is_refused_and_logged_with_the_hub_as_caller()
    {
        var hub = Audience(_gateway.Channel(Roles.Network, TestNetwork.HubCode), TestNetwork.Mito);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new Contracts.V1.Provision.ProvisionClient(hub).ProvideAsync(new RelayedInquiry()).ResponseAsync);

        Assert.Equal((StatusCode.Unauthenticated, "OTHER_INSTITUTION"), (error.StatusCode, error.Reason()));
        var entry = (await OperationsAsync())[^1];
        Assert.Equal((CallerKind.Network, "/linkage.v1.Provision/Provide", OperationOutcome.Refused, "OTHER_INSTITUTION"),
            (entry.ActorKind, entry.Rpc, entry.Outcome, entry.Reason));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_registered_systems_call_naming_another_institution_is_refused_and_logged_under_its_id()
    {
        var certificate = _gateway.Certificate(Roles.HealthSystem);
        var id = _gateway.RegisterSystem(certificate, Roles.HealthSystem);
        var system = new CopyRegistration.CopyRegistrationClient(Audience(_gateway.Raw(certificate), TestNetwork.Mito));

        var error = await Assert.ThrowsAsync<RpcException>(() => system.GetCopyAsync(CopyOf("082210000000071")).ResponseAsync);

        Assert.Equal("OTHER_INSTITUTION", error.Reason());
        var entry = (await OperationsAsync())[^1];
        Assert.Equal((CallerKind.System, id, "/linkage.v1.CopyRegistration/GetCopy", "OTHER_INSTITUTION"),
            (entry.ActorKind, entry.ActorId, entry.Rpc, entry.Reason));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_call_naming_this_institution_or_none_is_not_refused_for_its_audience()
    {
        var certificate = _gateway.Certificate(Roles.HealthSystem);
        _gateway.RegisterSystem(certificate, Roles.HealthSystem);
        var named = new CopyRegistration.CopyRegistrationClient(Audience(_gateway.Raw(certificate), GatewayOnTestServer.Institution));
        var unnamed = new CopyRegistration.CopyRegistrationClient(_gateway.Raw(certificate));

        foreach (var client in new[] { named, unnamed })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => client.GetCopyAsync(CopyOf("082210000000072")).ResponseAsync);
            Assert.Equal("COPY_NOT_FOUND", error.Reason());
        }
    }

    private static GetCopyRequest CopyOf(string person) =>
        new() { InternalAddressNumber = person, InformationNameCode = TestNetwork.Osteoporosis, RecordKey = "2025-57-1" };

    private static CallInvoker Audience(Grpc.Net.Client.GrpcChannel channel, string audience) =>
        channel.Intercept(metadata =>
        {
            metadata.Add(CallAudience.Header, audience);
            return metadata;
        });

    private async Task<List<OperationEntry>> OperationsAsync()
    {
        var all = new List<OperationEntry>();
        await foreach (var link in _gateway.Services.GetRequiredService<IOperationLogReader>().ReadAllAsync(Linkage.Domain.Chains.NodeName.Default, CancellationToken.None))
            all.Add(link.Entry);
        return all;
    }
}
