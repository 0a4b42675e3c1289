using Grpc.Core;
using Linkage.Contracts.Registry.V1;
using Linkage.Contracts.V1;
using Linkage.Testing;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>Acquisition numbers are valid for a limited time; this network's registry gives them one second.</summary>
public sealed class AcquisitionNumberExpiryTests : IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync(acquisitionNumberLifetime: TimeSpan.FromSeconds(1));

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task An_expired_acquisition_number_is_refused()
    {
        const int resident = 12;
        var number = await new ResidentRegistry.ResidentRegistryClient(_network.RegistryChannel(Hitachinaka)).IssueAcquisitionNumberAsync(
            new IssueAcquisitionNumberRequest { IndividualNumber = _network.Population.IndividualNumberOf(resident) });
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var symbols = new SymbolManagement.SymbolManagementClient(_network.AddressSystem(_network.Hitachi, Hitachinaka));
        var error = await Assert.ThrowsAsync<RpcException>(() => symbols.AcquireSymbolAsync(new AcquireSymbolRequest
        {
            InternalAddressNumber = _network.Population.InternalAddressNumberOf(resident, HitachinakaPrefix),
            AcquisitionNumber = number.AcquisitionNumber,
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("ACQUISITION_NUMBER_EXPIRED", error.Reason());
    }
}
