using Linkage.Contracts.Registry.V1;
using Linkage.Contracts.V1;
using Linkage.Testing;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>AcquireSymbols: a stream of many rows; the good ones stored, each bad one reported with position and reason.</summary>
public sealed class SymbolBatchTests(SymbolNetworkFixture fixture) : IClassFixture<SymbolNetworkFixture>
{
    private TestNetwork Network => fixture.Network;

    private string Person(int resident) => Network.Population.InternalAddressNumberOf(resident, HitachinakaPrefix);

    private async Task<string> AcquisitionNumberAsync(int resident) =>
        (await new ResidentRegistry.ResidentRegistryClient(Network.RegistryChannel(Hitachinaka)).IssueAcquisitionNumberAsync(
            new IssueAcquisitionNumberRequest { IndividualNumber = Network.Population.IndividualNumberOf(resident) })).AcquisitionNumber;

    [Fact(Timeout = 60_000)]
    public async Task A_batch_with_bad_rows_stores_the_good_ones_and_reports_each_bad_one()
    {
        var usedElsewhere = await AcquisitionNumberAsync(104);
        await new SymbolManagement.SymbolManagementClient(Network.AddressSystem(Network.MitoGateway, Mito)).AcquireSymbolAsync(new AcquireSymbolRequest
        {
            InternalAddressNumber = Network.Population.InternalAddressNumberOf(104, MitoPrefix),
            AcquisitionNumber = usedElsewhere,
        });
        var rows = new (string Person, string Number)[]
        {
            (Person(100), await AcquisitionNumberAsync(100)),          // 0 stored
            ("123", await AcquisitionNumberAsync(101)),                 // 1 malformed internal address number
            (Person(102), await AcquisitionNumberAsync(102)),          // 2 stored
            (Person(103), "0000000000000001"),                         // 3 never issued
            (Person(103), "abc"),                                      // 4 malformed acquisition number
            (Person(100), await AcquisitionNumberAsync(103)),          // 5 another person's symbol for resident 100
            (Person(102), await AcquisitionNumberAsync(102)),          // 6 the same mapping again: already held
            (Person(104), usedElsewhere),                              // 7 already redeemed
            (Person(105), await AcquisitionNumberAsync(105)),          // 8 stored
        };

        var symbols = new SymbolManagement.SymbolManagementClient(Network.AddressSystem(Network.Hitachi, Hitachinaka));
        using var call = symbols.AcquireSymbols();
        foreach (var (person, number) in rows)
            await call.RequestStream.WriteAsync(new AcquireSymbolRequest { InternalAddressNumber = person, AcquisitionNumber = number });
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;

        Assert.Equal(9, response.Received);
        Assert.Equal(3, response.Acquired);
        Assert.Equal(1, response.AlreadyAcquired);
        Assert.Equal(5, response.Failed);
        Assert.Equal(0, response.FailuresOmitted);
        Assert.Equal(
            [(1L, "MALFORMED_CODE"), (3L, "ACQUISITION_NUMBER_UNKNOWN"), (4L, "MALFORMED_CODE"), (5L, "SYMBOL_CONFLICT"), (7L, "ACQUISITION_NUMBER_USED")],
            response.Failures.Select(f => (f.Position, f.Reason)));
        Assert.All(response.Failures, f => Assert.False(string.IsNullOrWhiteSpace(f.Description)));

        foreach (var (resident, stored) in new[] { (100, true), (101, false), (102, true), (103, false), (104, false), (105, true) })
        {
            var mapping = await symbols.GetMappingAsync(new GetMappingRequest { InternalAddressNumber = Person(resident) });
            Assert.Equal(stored, mapping.Acquired);
        }
        // Resident 100 kept their own symbol: presenting a fresh number of their own finds the same mapping.
        Assert.True(await Network.AddressSystem(Network.Hitachi).AcquireOneAsync(100));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_empty_batch_is_answered_with_zero_counts()
    {
        using var call = new SymbolManagement.SymbolManagementClient(Network.AddressSystem(Network.Hitachi, Hitachinaka)).AcquireSymbols();
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Assert.Equal(0, response.Received);
        Assert.Empty(response.Failures);
    }
}
