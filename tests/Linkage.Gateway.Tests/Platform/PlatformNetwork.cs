using System.Text.Json.Nodes;
using Linkage.Crypto;
using Linkage.Domain.Staff;
using Linkage.Gateway.Platform;
using Linkage.Network.Sim;
using Linkage.Registry.Sim;
using Linkage.Sim.Population;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Linkage.Gateway.Tests.Platform;

/// <summary>
/// Three municipalities on one platform node, on a real loopback socket with mutual TLS, each with its own SQLite
/// file, keys and certificate; behind them the resident registry and the hub simulators (symbols, the permitted list,
/// witnessing). Tests play the hub toward the node (permits signed with the hub's key, the linkage-audience header):
/// the hub simulator relays to one certificate per institution, not to a node.
/// </summary>
public sealed partial class PlatformNetwork : IAsyncLifetime
{
    /// <summary>The platform operator's code in the node's own certificate: the peer the hub must find at the node.</summary>
    public const string PlatformCode = "9000000000000100";

    public const string Hitachinaka = TestNetwork.Hitachinaka;
    public const string Mito = TestNetwork.Mito;
    public const string Tsukuba = TestNetwork.Tsukuba;
    public const string NodeId = "node-test-1";

    /// <summary>A municipality served by some other node: well-formed, unknown here.</summary>
    public const string NotServed = "1000082999000000";

    public static readonly string[] Institutions = [Hitachinaka, Mito, Tsukuba];

    public static readonly IReadOnlyDictionary<string, string> Prefixes = new Dictionary<string, string>
        { [Hitachinaka] = TestNetwork.HitachinakaPrefix, [Mito] = TestNetwork.MitoPrefix, [Tsukuba] = "08220" };

    /// <summary>Changes one institution's own settings before the node starts; null leaves its settings file missing.</summary>
    public delegate Dictionary<string, string?>? SettingsChange(string institution, Dictionary<string, string?> settings);

    private readonly SettingsChange? _change;

    public PlatformNetwork() { }

    private PlatformNetwork(SettingsChange change) => _change = change;

    /// <summary>A network whose node starts with some institutions' settings changed (a test starts and disposes it).</summary>
    public static PlatformNetwork Changed(SettingsChange change) => new(change);

    private readonly Dictionary<string, TestCheckpointKey> _checkpointKeys = Institutions.ToDictionary(i => i, _ => new TestCheckpointKey());

    public TestPki Pki { get; } = new();
    public SyntheticPopulation Population { get; } = new(200);
    public TestHost Registry { get; private set; } = null!;
    public TestHost Hub { get; private set; } = null!;
    public TestHost Node { get; private set; } = null!;

    /// <summary>Every log event of the three institutions' gateways (each carries its Institution property).</summary>
    public CollectingSink InstitutionLogs { get; } = new();

    /// <summary>The node's own log events, kept also when the node fails to start.</summary>
    public CollectingSink NodeLogs { get; } = new();

    public byte[] HubSigningKey { get; private set; } = [];
    public string ConsoleAddress { get; private set; } = "";
    private string DataFolder => Path.Combine(Pki.Folder, "data");

    /// <summary>An institution's data as its owner has it (its SQLite file or PostgreSQL schema; see <see cref="TestStorage"/>).</summary>
    public global::System.Data.Common.DbConnection ConnectTo(string institution) =>
        TestStorage.Connect(Path.Combine(DataFolder, institution + ".db"), institution);

    public async Task InitializeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartHostsAsync();
                return;
            }
            catch (Exception error) when (Ports.IsAddressInUse(error) && attempt < 5)
            {
                // A port taken between choosing and binding: start over elsewhere.
                await StopHostsAsync();
            }
        }
    }

    private async Task StartHostsAsync()
    {
        int registryPort = Ports.Free(), hubPort = Ports.Free(), nodePort = Ports.Free(), consolePort = Ports.Free();
        ConsoleAddress = $"https://127.0.0.1:{consolePort}";
        var (signingKey, publicKey) = Ed25519Keys.Generate();
        HubSigningKey = signingKey;
        Directory.CreateDirectory(DataFolder);

        Registry = await TestHost.StartAsync("registry", registryPort, RegistryApp.Create, new Dictionary<string, string?>
        {
            ["Registry:PopulationSize"] = Population.Size.ToString(),
        }.With(Tls("registry", new PeerIdentity(TestNetwork.RegistryCode, Roles.Network, "resident-registry"))));
        Hub = await TestHost.StartAsync("hub", hubPort, HubApp.Create,
            HubSettings(signingKey, registryPort, $"https://127.0.0.1:{nodePort}")
                .With(Tls("hub", new PeerIdentity(TestNetwork.HubCode, Roles.Network, "provision-network"))));
        Node = await StartNodeAsync(nodePort, NodeSettings(publicKey, hubPort));
        foreach (var institution in Institutions.Where(i => _change is null || Institution(i).IsServing)) await WaitUntilServingAsync(institution);
    }

    /// <summary>A node with these settings on <paramref name="port"/>, its institutions logging to <see cref="InstitutionLogs"/>.</summary>
    private Task<TestHost> StartNodeAsync(int port, Dictionary<string, string?> settings) =>
        TestHost.StartAsync("node", port,
            (args, configure) => PlatformNode.Create(args, configure,
                institution => institution.Services.AddSingleton<ILogEventSink>(InstitutionLogs)),
            settings, services => services.AddSingleton<ILogEventSink>(NodeLogs));

    private Dictionary<string, string?> HubSettings(byte[] signingKey, int registryPort, string nodeAddress)
    {
        var hub = new Dictionary<string, string?>
        {
            ["Hub:SigningKey"] = Convert.ToBase64String(signingKey),
            ["Hub:SigningKeyId"] = TestNetwork.HubKeyId,
            ["Hub:SymbolSecret"] = Convert.ToBase64String(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Hub:RegistryAddress"] = $"https://127.0.0.1:{registryPort}",
            ["Hub:RegistryInstitutionCode"] = TestNetwork.RegistryCode,
            ["Hub:DatabasePath"] = Path.Combine(DataFolder, "hub.db"),
            [$"Hub:Affairs:{TestNetwork.Affair}"] = TestNetwork.AffairName,
            ["Hub:PermittedList:Version"] = TestNetwork.ListVersion.ToString(),
        };
        for (var i = 0; i < Institutions.Length; i++)
        {
            hub[$"Hub:Institutions:{i}:Code"] = Institutions[i];
            hub[$"Hub:Institutions:{i}:Name"] = $"municipality-{i}";
            hub[$"Hub:Institutions:{i}:Nodes:0:Url"] = nodeAddress;
            hub[$"Hub:Institutions:{i}:Nodes:0:Peer"] = PlatformCode;
            hub[$"Hub:Institutions:{i}:Classes:0"] = "class:municipal-mayor";
            hub = hub.With(_checkpointKeys[Institutions[i]].HubSettings(i));
            // Each municipality provides osteoporosis screening to every mayor: every one can be asked.
            hub[$"Hub:PermittedList:Entries:{i}:Inquirer"] = "class:municipal-mayor";
            hub[$"Hub:PermittedList:Entries:{i}:Affair"] = TestNetwork.Affair;
            hub[$"Hub:PermittedList:Entries:{i}:Procedure"] = TestNetwork.Procedure;
            hub[$"Hub:PermittedList:Entries:{i}:Provider"] = Institutions[i];
            hub[$"Hub:PermittedList:Entries:{i}:InformationNames:0"] = TestNetwork.Osteoporosis;
            hub[$"Hub:PermittedList:Entries:{i}:LegalBasis"] = TestNetwork.LegalBasis;
        }
        return hub;
    }

    /// <summary>
    /// What the three share is the node's (the hub); what each owns is its own: Hitachinaka and Mito inline, Tsukuba in
    /// a settings file of its own.
    /// </summary>
    private Dictionary<string, string?> NodeSettings(byte[] hubPublicKey, int hubPort)
    {
        var node = new Dictionary<string, string?>
        {
            ["Platform:NodeId"] = NodeId,
            ["Gateway:HubSigningKey"] = Convert.ToBase64String(hubPublicKey),
            ["Gateway:HubSigningKeyId"] = TestNetwork.HubKeyId,
            ["Gateway:HubInstitutionCode"] = TestNetwork.HubCode,
            ["Network:HubAddress"] = $"https://127.0.0.1:{hubPort}",
            ["Network:CallTimeout"] = "00:00:10",
            ["Console:Url"] = ConsoleAddress,
        }.With(Tls("node", new PeerIdentity(PlatformCode, Roles.Gateway, NodeId)));
        for (var i = 0; i < Institutions.Length; i++)
        {
            var own = InstitutionSettings(Institutions[i]);
            own = _change is null ? own : _change(Institutions[i], own);
            if (Institutions[i] == Tsukuba || own is null)
            {
                var file = Path.Combine(Pki.Folder, $"institution-{Institutions[i]}.json");
                if (own is not null) File.WriteAllText(file, Nested(own).ToJsonString());
                node[$"Platform:Institutions:{i}:SettingsFile"] = file;
            }
            else
                foreach (var (key, value) in own) node[$"Platform:Institutions:{i}:Settings:{key}"] = value;
        }
        return node;
    }

    private Dictionary<string, string?> InstitutionSettings(string institution) => new Dictionary<string, string?>
    {
        ["Gateway:InstitutionCode"] = institution,
        ["Gateway:InstitutionName"] = $"municipality {institution}",
    }.With(TestStorage.GatewaySettings(Path.Combine(DataFolder, institution + ".db"), institution))
        .With(new TestKeyEncryptionKey(Path.Combine(DataFolder, "keys"), institution).GatewaySettings())
        .With(_checkpointKeys[institution].GatewaySettings()).With(Tls("gateway-" + institution, new PeerIdentity(institution, Roles.Gateway, "gateway")));

    private static JsonObject Nested(Dictionary<string, string?> flat)
    {
        var root = new JsonObject();
        foreach (var (key, value) in flat)
        {
            var parts = key.Split(':');
            var at = root;
            foreach (var part in parts[..^1]) at = (JsonObject)(at[part] ??= new JsonObject());
            at[parts[^1]] = value;
        }
        return root;
    }

    private Dictionary<string, string?> Tls(string name, PeerIdentity peer)
    {
        var tls = Pki.Issue(name, peer);
        return new Dictionary<string, string?>
        {
            ["Tls:AuthorityCertificate"] = tls.AuthorityCertificate,
            ["Tls:Certificate"] = tls.Certificate,
            ["Tls:PrivateKey"] = tls.PrivateKey,
            ["Tls:RevocationList"] = tls.RevocationList,
        };
    }

    private async Task StopHostsAsync()
    {
        foreach (var channel in _channels) channel.Dispose();
        _channels.Clear();
        foreach (var host in new[] { Node, Hub, Registry }.Where(h => h is not null)) await host.DisposeAsync();
        (Node, Hub, Registry) = (null!, null!, null!);
        SqliteConnection.ClearAllPools();
    }

    public async Task DisposeAsync()
    {
        await StopHostsAsync();
        Pki.Dispose();
    }
}
