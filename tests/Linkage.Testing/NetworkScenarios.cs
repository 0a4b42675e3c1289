using Linkage.Domain.Staff;
using Linkage.Contracts.Registry.V1;
using Linkage.Contracts.V1;
using Linkage.Transport;
using Xunit;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Testing;

/// <summary>The steps most tests start from, done over the wire as the back-office systems would.</summary>
public static class NetworkScenarios
{
    /// <summary>The address system of <paramref name="institution"/> acquires its gateway's symbol for a resident.</summary>
    public static async Task AcquireSymbolAsync(this TestNetwork network, TestHost gateway, string institution, string person, int resident)
    {
        var registry = new ResidentRegistry.ResidentRegistryClient(
            network.Channel(network.Registry, "address-" + institution, new PeerIdentity(institution, Roles.AddressSystem, "address-system")));
        var number = await registry.IssueAcquisitionNumberAsync(
            new IssueAcquisitionNumberRequest { IndividualNumber = network.Population.IndividualNumberOf(resident) });
        var symbols = new SymbolManagement.SymbolManagementClient(network.AddressSystem(gateway, institution));
        await symbols.AcquireSymbolAsync(new AcquireSymbolRequest { InternalAddressNumber = person, AcquisitionNumber = number.AcquisitionNumber });
    }

    /// <summary>A primary osteoporosis screening copy (height and weight) of one person.</summary>
    public static Copy OsteoporosisCopy(string person) => new()
    {
        InternalAddressNumber = person,
        InformationNameCode = Osteoporosis,
        RecordKey = "2025-57-1",
        Version = 1,
        ValidFrom = "2025-06-01",
        Items =
        {
            new ItemValue { ItemCode = "9N001000000000001", Value = "158.2" },
            new ItemValue { ItemCode = "9N006000000000001", Value = "52.4" },
        },
    };

    /// <summary>A primary osteoporosis screening copy of a resident at Hitachinaka, with its symbol acquired there.</summary>
    public static async Task<Copy> ProvideableResidentAsync(this TestNetwork network, int resident)
    {
        var person = network.Population.InternalAddressNumberOf(resident, HitachinakaPrefix);
        var copy = OsteoporosisCopy(person);
        await new CopyRegistration.CopyRegistrationClient(network.HealthSystem(network.Hitachi, Hitachinaka))
            .RegisterCopyAsync(new RegisterCopyRequest { Copy = copy });
        await network.AcquireSymbolAsync(network.Hitachi, Hitachinaka, person, resident);
        return copy;
    }

    public static async Task<IReadOnlyList<ProvisionRecordView>> RecordsAsync(this TestNetwork network, TestHost gateway)
    {
        var records = new Records.RecordsClient(network.Staff(gateway, Roles.Auditor));
        return (await records.ListRecordsAsync(new ListRecordsRequest { PageSize = 1000 })).Records;
    }

    /// <summary>No error was logged and none of the given values appears in any host's log output.</summary>
    public static void AssertLogsClean(this TestNetwork network, params string[] secrets)
    {
        foreach (var host in network.Hosts)
        {
            Assert.Empty(host.Logs.Errors);
            var text = host.Logs.AllText();
            foreach (var secret in secrets) Assert.DoesNotContain(secret, text);
        }
    }
}
