using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using static Linkage.Gateway.Tests.Platform.PlatformNetwork;

namespace Linkage.Gateway.Tests.Platform;

/// <summary>One node, three municipalities: each one's back office and each one's inquiries from the hub reach that municipality alone.</summary>
[Collection(OnePlatformNode.Name)]
public sealed class PlatformServingTests(PlatformNetwork network)
{
    [Fact(Timeout = 120_000)]
    public async Task Each_institution_answers_its_own_back_office_and_the_hubs_inquiries_from_its_own_copies()
    {
        var heights = new Dictionary<string, string> { [Hitachinaka] = "151.1", [Mito] = "162.2", [Tsukuba] = "173.3" };
        var before = new Dictionary<string, int>();
        foreach (var institution in Institutions) before[institution] = (await network.RecordsAsync(institution)).Count;

        // The same resident at each municipality, each with a copy of its own: only the asked one's may answer.
        foreach (var institution in Institutions) await network.ProvideableAsync(institution, 10, heights[institution]);
        foreach (var institution in Institutions)
        {
            var stored = await new CopyRegistration.CopyRegistrationClient(network.BackOffice(institution, Roles.HealthSystem)).GetCopyAsync(
                new GetCopyRequest { InternalAddressNumber = network.Population.InternalAddressNumberOf(10, Prefixes[institution]),
                    InformationNameCode = Testing.TestNetwork.Osteoporosis, RecordKey = "2025-57-1" });
            Assert.Equal(heights[institution], stored.Copy.Items[0].Value);
        }

        foreach (var provider in Institutions)
        {
            var inquirer = Institutions.First(i => i != provider);
            var permit = network.Permit(provider, 10, inquirer);
            var answer = await network.ProvideAsync(provider, permit);
            Assert.Equal(ProvisionOutcome.Provided, answer.Outcome);
            Assert.Contains(heights[provider], network.Open(answer));
        }

        foreach (var institution in Institutions)
        {
            var added = (await network.RecordsAsync(institution)).Skip(before[institution]).ToList();
            var record = Assert.Single(added);
            Assert.Equal((institution, Domain.Answers.ProvisionOutcome.Provided), (record.ProviderInstitution, record.Outcome));
        }

        // Each institution's log events say whose they are, and no log names a person or a value.
        Assert.All(network.InstitutionLogs.Events, e => Assert.Contains(e.Properties["Institution"].ToString().Trim('"'), Institutions));
        foreach (var institution in Institutions)
            Assert.Contains(network.InstitutionLogs.Events, e => e.Properties["Institution"].ToString() == $"\"{institution}\"");
        var logs = network.NodeLogs.AllText() + network.InstitutionLogs.AllText();
        foreach (var secret in heights.Values.Concat(Institutions.Select(i => network.Population.InternalAddressNumberOf(10, Prefixes[i]))))
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        Assert.Empty(network.NodeLogs.Errors);
        Assert.Empty(network.InstitutionLogs.Errors);
    }
}
