using Grpc.Core;
using Linkage.Contracts.Registry.V1;
using Linkage.Contracts.V1;
using Linkage.Testing;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>The new bulk and retirement calls are as closed as the single ones.</summary>
public sealed class SymbolAuthorizationTests(SymbolNetworkFixture fixture) : IClassFixture<SymbolNetworkFixture>
{
    private TestNetwork Network => fixture.Network;

    [Fact(Timeout = 60_000)]
    public async Task Another_municipalitys_address_system_cannot_retire_our_residents()
    {
        var symbols = new SymbolManagement.SymbolManagementClient(Network.AddressSystem(Network.Hitachi, Mito));
        var error = await Assert.ThrowsAsync<RpcException>(() => symbols.RetirePersonAsync(
            new RetirePersonRequest { InternalAddressNumber = Network.Population.InternalAddressNumberOf(20, HitachinakaPrefix) }).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, "OTHER_INSTITUTION"), (error.StatusCode, error.Reason()));
    }

    [Fact(Timeout = 60_000)]
    public async Task Another_municipalitys_address_system_cannot_stream_acquisitions_to_us()
    {
        using var call = new SymbolManagement.SymbolManagementClient(Network.AddressSystem(Network.Hitachi, Mito)).AcquireSymbols();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        });
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Only_the_hub_may_redeem_acquisition_numbers_in_bulk()
    {
        var registry = new ResidentRegistry.ResidentRegistryClient(Network.RegistryChannel(Hitachinaka));
        var error = await Assert.ThrowsAsync<RpcException>(() => registry.RedeemAcquisitionNumbersAsync(
            new RedeemAcquisitionNumbersRequest { AcquisitionNumbers = { "0000000000000000" } }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_bulk_call_above_the_limit_is_refused_as_a_whole()
    {
        var registry = new ResidentRegistry.ResidentRegistryClient(Network.RegistryChannel(Hitachinaka));
        var request = new IssueAcquisitionNumbersRequest();
        request.IndividualNumbers.AddRange(Enumerable.Repeat(Network.Population.IndividualNumberOf(0), 5_001));
        var error = await Assert.ThrowsAsync<RpcException>(() => registry.IssueAcquisitionNumbersAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("individual_numbers", Assert.Single(error.FieldViolations()).Field);
    }
}
