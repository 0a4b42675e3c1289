using Linkage.Testing;

namespace Linkage.EndToEnd.Tests;

/// <summary>One network shared by the tests of a class; each test uses its own residents so they do not interfere.</summary>
public sealed class SymbolNetworkFixture : IAsyncLifetime
{
    public TestNetwork Network { get; private set; } = null!;

    public async Task InitializeAsync() => Network = await TestNetwork.StartAsync(populationSize: 1_000);

    public async Task DisposeAsync() => await Network.DisposeAsync();
}
