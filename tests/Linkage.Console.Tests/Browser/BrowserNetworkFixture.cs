using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Console.Tests.Browser;

/// <summary>
/// The console network for the browser scenarios, with a 15-second idle time-out (long enough for any scenario's
/// steps, short enough to watch the notice and the sign-out) and the certificate policy written for its console.
/// </summary>
public sealed class BrowserNetworkFixture : IAsyncLifetime
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(15);

    public ConsoleNetworkFixture Console { get; } = new()
    {
        Configure = services => services.PostConfigure<Gateway.Options.StaffOptions>(staff => staff.IdleTimeout = IdleTimeout),
    };

    public async Task InitializeAsync()
    {
        if (BrowserFactAttribute.Missing() is not null) return; // every test here is skipped; no network to start
        await Console.InitializeAsync();
        ChromiumBrowser.WritePolicy(Console.Network.HitachiConsole);
    }

    public async Task DisposeAsync()
    {
        if (BrowserFactAttribute.Missing() is not null) return;
        ChromiumBrowser.RemovePolicy();
        await Console.DisposeAsync();
    }

    /// <summary>A browser holding the certificate of Hitachinaka's staff member of <paramref name="role"/>.</summary>
    public (ChromiumBrowser Browser, NssProfile Profile) Browser(string role)
    {
        var network = Console.Network;
        var (name, peer) = network.RegisteredStaff(network.Hitachi, role);
        var files = network.Pki.Issue(name, peer);
        var profile = NssProfile.Create(network.Pki.AuthorityPath, files.Certificate, files.PrivateKey);
        return (new ChromiumBrowser(network.HitachiConsole, profile), profile);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserNetworkGroup : ICollectionFixture<BrowserNetworkFixture>
{
    public const string Name = "console in chromium";
}
