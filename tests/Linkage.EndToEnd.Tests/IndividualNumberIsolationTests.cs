using Linkage.Domain.Codes;
using Linkage.Domain.Symbols;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// DESIGN §5: the gateway never receives, stores or logs an individual number. A whole population is acquired
/// through the batch path, then the gateway's database files (as bytes, after the hosts stop) and every host's
/// captured logs are searched for every individual number of that population.
/// </summary>
public sealed class IndividualNumberIsolationTests : IAsyncLifetime
{
    private const int People = 3_000;
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync(populationSize: People);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact(Timeout = 300_000)]
    public async Task A_whole_population_is_acquired_and_no_individual_number_reaches_the_gateway()
    {
        var addressSystem = _network.AddressSystem(_network.Hitachi);
        var first = await addressSystem.AcquireAllAsync(0, People);
        Assert.Empty(first.RegistryRefusals);
        Assert.Equal((People, People, 0L, 0L), (first.Gateway.Received, first.Gateway.Acquired, first.Gateway.AlreadyAcquired, first.Gateway.Failed));

        var left = Enumerable.Range(0, People).Where(_network.Population.HasLeft).ToHashSet();
        Assert.NotEmpty(left);
        Assert.Equal(left.Count, await addressSystem.RetireDepartedAsync(0, People));
        Assert.Equal(0, await addressSystem.RetireDepartedAsync(0, People));

        // The same load again: everyone still here is already held; those who left are refused, each by position.
        var second = await addressSystem.AcquireAllAsync(0, People);
        Assert.Equal(People - left.Count, second.Gateway.AlreadyAcquired);
        Assert.Equal(0, second.Gateway.Acquired);
        Assert.Equal(left.Order(), second.Gateway.Failures.Select(f => second.ResidentAt(f.Position)).Order());
        Assert.All(second.Gateway.Failures, f => Assert.Equal("PERSON_RETIRED", f.Reason));

        var gatewayLog = _network.Hitachi.Logs.AllText();
        Assert.Contains($"{People} rows received, {People} acquired, 0 already held, 0 failed", gatewayLog);
        Assert.Contains($"PERSON_RETIRED={left.Count}", gatewayLog);

        var store = _network.Hitachi.Services.GetRequiredService<ISymbolStore>();
        var symbols = new List<string>();
        foreach (var resident in Enumerable.Range(0, 200).Where(r => !left.Contains(r)))
            symbols.Add((await store.FindSymbolAsync(InternalAddressNumber.Parse(addressSystem.InternalAddressNumberOf(resident)), default))!.Value.Value);

        await _network.StopHostsAsync();

        var individualNumbers = Enumerable.Range(0, People).Select(_network.Population.IndividualNumberOf).ToHashSet();
        var internalNumbers = Enumerable.Range(0, People).Select(addressSystem.InternalAddressNumberOf).ToHashSet();
        var stored = TestStorage.StoredBytes(Path.Combine(_network.DataFolder, "hitachinaka.db"), TestNetwork.Hitachinaka);
        Assert.Empty(DigitRuns.Find(stored, individualNumbers, 12));
        // The search itself works: the mappings' internal address numbers are in those same bytes.
        Assert.Equal(People, DigitRuns.Find(stored, internalNumbers, 15).Count);

        foreach (var host in _network.Hosts)
        {
            var text = host.Logs.AllText();
            Assert.Empty(DigitRuns.Find(text, individualNumbers, 12));
            Assert.Empty(DigitRuns.Find(text, internalNumbers, 15));
            Assert.DoesNotContain(symbols, s => text.Contains(s, StringComparison.OrdinalIgnoreCase));
            Assert.Empty(host.Logs.Errors);
        }
    }
}
