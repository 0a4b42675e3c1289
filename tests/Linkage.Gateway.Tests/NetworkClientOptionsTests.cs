using Linkage.Crypto;
using Linkage.Network.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Tests;

/// <summary>The options of the channel to the hub as the gateway registers them: https only, and the hub's institution code required.</summary>
public sealed class NetworkClientOptionsTests
{
    private const string HubCode = "9000000000000001";

    [Fact]
    public void An_https_hub_address_with_the_hubs_institution_is_accepted()
    {
        var options = Resolve("https://localhost:7300", HubCode);
        Assert.Equal(HubCode, options.HubInstitutionCode);
    }

    [Theory]
    [InlineData("http://localhost:7300")]
    [InlineData("HTTP://localhost:7300")]
    [InlineData("ftp://localhost:7300")]
    public void A_hub_address_that_is_not_https_is_refused(string address)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(address, HubCode));
        Assert.Contains("https://", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("900000000000001")]
    [InlineData("900000000000000X")]
    public void The_hubs_institution_code_is_required_in_sixteen_digits(string code)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve("https://localhost:7300", code));
        Assert.Contains(nameof(NetworkClientOptions.HubInstitutionCode), error.Message);
    }

    [Fact]
    public void A_hub_connection_without_the_hubs_institution_is_not_made()
    {
        Assert.Throws<ArgumentException>(() => new HubConnection(new NetworkClientOptions { HubAddress = "https://localhost:7300" }, null!));
    }

    private static NetworkClientOptions Resolve(string hubAddress, string hubInstitutionCode)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Network:HubAddress"] = hubAddress })
            .Build());
        services.AddNetworkClient(_ => new Ed25519SignatureVerifier(Ed25519Keys.Generate().PublicKey, "hub-1"), _ => hubInstitutionCode);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<NetworkClientOptions>>().Value;
    }
}
