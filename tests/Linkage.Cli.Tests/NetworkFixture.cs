using Linkage.Domain.Staff;
using Linkage.Contracts.V1;
using Linkage.Testing;
using Linkage.Transport;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Cli.Tests;

/// <summary>
/// A test network whose Hitachinaka gateway holds three provision records, with staff certificates registered and
/// signed in through the command line, each session in a file of its own.
/// </summary>
public sealed class NetworkFixture : IAsyncLifetime
{
    public const int RecordCount = 3;
    public const int Resident = 9;

    private readonly Dictionary<string, StaffLogin> _signedIn = [];

    public TestNetwork Network { get; private set; } = null!;

    public string Gateway => Network.Hitachi.Address;

    /// <summary>Where the tests keep their session files (never the user's own ~/.config).</summary>
    public string SessionFolder { get; } = Directory.CreateTempSubdirectory("linkage-cli-sessions-").FullName;

    public async Task InitializeAsync()
    {
        Network = await TestNetwork.StartAsync();
        await Network.ProvideableResidentAsync(Resident);
        var forge = new PermitForge(Network);
        var provision = new Provision.ProvisionClient(
            Network.Channel(Network.Hitachi, "hub-as-client", new PeerIdentity(HubCode, Roles.Network, "provision-network")));
        for (var i = 0; i < RecordCount; i++)
        {
            var permit = forge.Permit(Resident);
            await provision.ProvideAsync(PermitForge.Inquiry(permit, forge.Sign(permit)));
        }
    }

    public async Task DisposeAsync()
    {
        await Network.DisposeAsync();
        Directory.Delete(SessionFolder, recursive: true);
    }

    /// <summary>
    /// The PATH the CLI's --cert takes (PATH.pem, PATH.key, ca.pem beside them) of Hitachinaka's staff member
    /// "staff-ROLE", registered at the gateway (without a session).
    /// </summary>
    public string StaffCertificate(string role)
    {
        Network.StaffWithoutSession(Network.Hitachi, role);
        return Path.Combine(Network.Pki.Folder, $"staff-{role}-{Hitachinaka}");
    }

    /// <summary>A certificate of the test authority for the CLI (not registered anywhere).</summary>
    public string Certificate(string name, PeerIdentity peer)
    {
        Network.Pki.Issue(name, peer);
        return Path.Combine(Network.Pki.Folder, name);
    }

    public string NewSessionFile() => Path.Combine(SessionFolder, Guid.NewGuid().ToString("N"), "session");

    /// <summary>Staff member "staff-ROLE" signed in once through the command line, the session shared by the tests that only read.</summary>
    public async Task<StaffLogin> SignedInAsync(string role)
    {
        if (_signedIn.TryGetValue(role, out var login)) return login;
        login = await SignInAsync(StaffCertificate(role), NewSessionFile());
        _signedIn[role] = login;
        return login;
    }

    /// <summary>Runs `linkage signin` with the certificate into the session file; the test fails if it does not succeed.</summary>
    public async Task<StaffLogin> SignInAsync(string certificate, string sessionFile, string? gateway = null)
    {
        var login = new StaffLogin(gateway ?? Gateway, certificate, sessionFile);
        var run = await CliRun.RunAsync(["signin", .. login.Options]);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        return login;
    }
}

/// <summary>A staff certificate and the session file the CLI keeps its session in.</summary>
public sealed record StaffLogin(string Gateway, string Certificate, string SessionFile)
{
    public string[] Options => ["--gateway", Gateway, "--cert", Certificate, "--session-file", SessionFile];

    /// <summary>Runs a command with this login's options after the given words.</summary>
    public Task<CliRun> RunAsync(params string[] words) => CliRun.RunAsync([.. words, .. Options]);
}

[CollectionDefinition(Name)]
public sealed class SharedNetwork : ICollectionFixture<NetworkFixture>
{
    public const string Name = "network";
}
