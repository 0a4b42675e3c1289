using Linkage.Domain.Staff;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Linkage.Crypto;
using Linkage.Gateway;
using Linkage.Network.Sim;
using Linkage.Registry.Sim;
using Linkage.Sim.Population;
using Linkage.Storage.Database;
using Linkage.Transport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Testing;

/// <summary>
/// The whole network in-process on real loopback sockets with mutual TLS: the resident registry, the hub, and two
/// gateways — Hitachinaka (the provider of the seed) and Mito (another municipality that inquires). Tsukuba is a
/// member without a gateway (no nodes): it inquires through the hub directly and collects later answers there.
/// </summary>
public sealed partial class TestNetwork : IAsyncDisposable
{
    public const string Hitachinaka = "1000082210000000";
    public const string Mito = "1000082015000000";
    public const string Tsukuba = "1000082201000000";
    public const string HubCode = "9000000000000001";
    public const string RegistryCode = "9000000000000002";
    public const string HitachinakaPrefix = "08221";
    public const string MitoPrefix = "08201";
    public const string HubKeyId = "hub-test-1";

    public const string Affair = "JM00000000000139";
    public const string AffairName = "健康増進法による健康増進事業に関する事務";
    public const string Procedure = "JT00000000013901";
    public const string Cancer = "TM00000000013901";
    public const string Hepatitis = "TM00000000013902";
    public const string Osteoporosis = "TM00000000013903";
    public const string Periodontal = "TM00000000013904";
    public const string LegalBasis = "番号法第19条第8号 別表139の項 / 主務省令第141条";

    private readonly List<GrpcChannel> _channels = [];
    private TimeSpan _acquisitionNumberLifetime;
    private bool _stopped;

    private readonly Action<IServiceCollection>? _hitachiServices;
    private readonly IReadOnlyDictionary<string, string?> _hitachiSettings;
    private readonly IReadOnlyDictionary<string, string?> _hubSettings;
    private readonly IReadOnlyDictionary<string, string?> _gatewaySettings;

    private TestNetwork(TestPki pki, SyntheticPopulation population, string dataFolder, Action<IServiceCollection>? hitachiServices,
        IReadOnlyDictionary<string, string?>? hitachiSettings, StorageProvider storage, IReadOnlyDictionary<string, string?>? hubSettings,
        IReadOnlyDictionary<string, string?>? gatewaySettings)
    {
        _hitachiServices = hitachiServices;
        _hitachiSettings = hitachiSettings ?? new Dictionary<string, string?>();
        _hubSettings = hubSettings ?? new Dictionary<string, string?>();
        _gatewaySettings = gatewaySettings ?? new Dictionary<string, string?>();
        Storage = storage;
        Pki = pki;
        Population = population;
        DataFolder = dataFolder;
    }

    public TestPki Pki { get; }
    public SyntheticPopulation Population { get; }
    public string DataFolder { get; }

    /// <summary>Where the gateways keep their data: <see cref="TestStorage.Provider"/> unless the network was started with another.</summary>
    public StorageProvider Storage { get; }

    /// <summary>Hitachinaka's gateway data as its owner has it (SQLite file or PostgreSQL schema; see <see cref="TestStorage"/>).</summary>
    public System.Data.Common.DbConnection ConnectToHitachinaka() =>
        TestStorage.Connect(Path.Combine(DataFolder, "hitachinaka.db"), Hitachinaka, Storage);
    public TestHost Registry { get; private set; } = null!;
    public TestHost Hub { get; private set; } = null!;
    public TestHost Hitachi { get; private set; } = null!;
    public TestHost MitoGateway { get; private set; } = null!;
    public byte[] HubPublicKey { get; private set; } = [];

    /// <summary>The hub's private signing key, for tests that play the hub and forge or alter permits.</summary>
    public byte[] HubSigningKey { get; private set; } = [];

    /// <summary>The permitted list's version; version <see cref="WithdrawnListVersion"/> is withdrawn.</summary>
    public const long ListVersion = 2;
    public const long WithdrawnListVersion = 1;

    private readonly Dictionary<TestHost, (string Name, string Institution, int Port, int HubPort)> _gateways = [];

    /// <summary>The staff console of the Hitachinaka gateway (its own port beside the gRPC port).</summary>
    public string HitachiConsole => $"https://127.0.0.1:{_hitachiConsolePort}";

    private int _hitachiConsolePort;

    public IEnumerable<TestHost> Hosts => new[] { Registry, Hub, Hitachi, MitoGateway, SecondHitachiNode }.Where(h => h is not null)!;

    /// <param name="hitachiServices">Replaces services of the Hitachinaka gateway (e.g. a hold policy) for one test.</param>
    /// <param name="hitachiSettings">Adds to or replaces settings of every Hitachinaka gateway node for one test.</param>
    /// <param name="storage">Where both gateways keep their data, when not <see cref="TestStorage.Provider"/> (benchmarks comparing the two).</param>
    /// <param name="hubSettings">Adds to or replaces settings of the hub (e.g. a fault plan, "Hub:Faults").</param>
    /// <param name="gatewaySettings">Adds to or replaces settings of every gateway (e.g. "Network:CallTimeout").</param>
    public static async Task<TestNetwork> StartAsync(int populationSize = 200, TimeSpan? acquisitionNumberLifetime = null,
        Action<IServiceCollection>? hitachiServices = null, IReadOnlyDictionary<string, string?>? hitachiSettings = null,
        StorageProvider? storage = null, IReadOnlyDictionary<string, string?>? hubSettings = null,
        IReadOnlyDictionary<string, string?>? gatewaySettings = null)
    {
        var pki = new TestPki();
        for (var attempt = 1; ; attempt++)
        {
            var network = new TestNetwork(pki, new SyntheticPopulation(populationSize), Path.Combine(pki.Folder, $"data-{attempt}"), hitachiServices,
                hitachiSettings, storage ?? TestStorage.Provider, hubSettings, gatewaySettings)
            {
                _acquisitionNumberLifetime = acquisitionNumberLifetime ?? TimeSpan.FromMinutes(10),
            };
            try
            {
                await network.StartHostsAsync();
                return network;
            }
            catch (Exception error) when (Ports.IsAddressInUse(error) && attempt < 5)
            {
                // Another process took one of the chosen ports between choosing and binding: start over elsewhere.
                await network.StopHostsAsync();
            }
        }
    }

    private async Task StartHostsAsync()
    {
        int registryPort = Ports.Free(), hubPort = Ports.Free(), hitachiPort = Ports.Free(), mitoPort = Ports.Free();
        _hitachiConsolePort = Ports.Free();
        var (signingKey, publicKey) = Ed25519Keys.Generate();
        HubPublicKey = publicKey;
        HubSigningKey = signingKey;

        Registry = await TestHost.StartAsync("registry", registryPort, RegistryApp.Create, new Dictionary<string, string?>
        {
            ["Registry:PopulationSize"] = Population.Size.ToString(),
            ["Registry:AcquisitionNumberLifetime"] = _acquisitionNumberLifetime.ToString("c"),
        }.With(Tls("registry", new PeerIdentity(RegistryCode, Roles.Network, "resident-registry"))));

        var hub = new Dictionary<string, string?>
        {
            ["Hub:SigningKey"] = Convert.ToBase64String(signingKey),
            ["Hub:SigningKeyId"] = HubKeyId,
            ["Hub:SymbolSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Hub:RegistryAddress"] = $"https://127.0.0.1:{registryPort}",
            ["Hub:RegistryInstitutionCode"] = RegistryCode,
            ["Hub:PermitLifetime"] = "00:02:00",
            ["Hub:Institutions:0:Code"] = Hitachinaka,
            ["Hub:Institutions:0:Name"] = "ひたちなか市長",
            ["Hub:Institutions:0:Nodes:0:Url"] = $"https://127.0.0.1:{hitachiPort}",
            ["Hub:Institutions:0:Classes:0"] = "class:municipal-mayor",
            ["Hub:Institutions:1:Code"] = Mito,
            ["Hub:Institutions:1:Name"] = "水戸市長",
            ["Hub:Institutions:1:Nodes:0:Url"] = $"https://127.0.0.1:{mitoPort}",
            ["Hub:Institutions:1:Classes:0"] = "class:municipal-mayor",
            ["Hub:Institutions:2:Code"] = Tsukuba,
            ["Hub:Institutions:2:Name"] = "つくば市長",
            ["Hub:Institutions:2:Classes:0"] = "class:municipal-mayor",
            ["Hub:DatabasePath"] = Path.Combine(DataFolder, "hub.db"),
            [$"Hub:Affairs:{Affair}"] = AffairName,
            ["Hub:PermittedList:Version"] = ListVersion.ToString(),
            ["Hub:PermittedList:WithdrawnVersions:0"] = WithdrawnListVersion.ToString(),
            ["Hub:PermittedList:Entries:0:Inquirer"] = "class:municipal-mayor",
            ["Hub:PermittedList:Entries:0:Affair"] = Affair,
            ["Hub:PermittedList:Entries:0:Procedure"] = Procedure,
            ["Hub:PermittedList:Entries:0:Provider"] = Hitachinaka,
            ["Hub:PermittedList:Entries:0:InformationNames:0"] = Cancer,
            ["Hub:PermittedList:Entries:0:InformationNames:1"] = Hepatitis,
            ["Hub:PermittedList:Entries:0:InformationNames:2"] = Osteoporosis,
            ["Hub:PermittedList:Entries:0:LegalBasis"] = LegalBasis,
            ["Hub:PermittedList:Entries:0:ValidFrom"] = "2015-10-05",
        };
        hub = hub.With(CheckpointKeys[Hitachinaka].HubSettings(0)).With(SecondHitachiNodeKey.HubNodeSettings(0, 0))
            .With(CheckpointKeys[Mito].HubSettings(1)).With(new Dictionary<string, string?>(_hubSettings));
        _hubStart = () => TestHost.StartAsync("hub", hubPort, HubApp.Create,
            hub.With(Tls("hub", new PeerIdentity(HubCode, Roles.Network, "provision-network"))));
        Hub = await _hubStart();

        Hitachi = await StartGatewayAsync("hitachinaka", Hitachinaka, hitachiPort, hubPort);
        MitoGateway = await StartGatewayAsync("mito", Mito, mitoPort, hubPort);
        await WaitUntilServingAsync(Hitachi);
        await WaitUntilServingAsync(MitoGateway);
    }

    private Func<Task<TestHost>> _hubStart = null!;

    /// <summary>Stops the hub, as when the provision network is down; <see cref="StartHubAsync"/> brings it back on its port.</summary>
    public async Task StopHubAsync() => await Hub.DisposeAsync();

    public async Task StartHubAsync() => Hub = await _hubStart();

    /// <summary>Stops the Hitachinaka gateway and starts it again on the same port and database, as after a crash or restart.</summary>
    /// <param name="whileStopped">Done to the stopped gateway's files, as someone with access to its disk could.</param>
    /// <param name="withKeyEncryptionKey">False: started without Hitachinaka's key file, as a node the institution gave none.</param>
    public async Task RestartHitachiAsync(Action? whileStopped = null, bool withKeyEncryptionKey = true)
    {
        if (withKeyEncryptionKey) _withoutKeyEncryptionKey.Remove(Hitachinaka);
        else _withoutKeyEncryptionKey.Add(Hitachinaka);
        var (name, institution, port, hubPort) = _gateways[Hitachi];
        await Hitachi.DisposeAsync();
        _gateways.Remove(Hitachi);
        if (whileStopped is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            whileStopped();
        }
        Hitachi = await StartGatewayAsync(name, institution, port, hubPort);
        await WaitUntilServingAsync(Hitachi);
    }

    private async Task<TestHost> StartGatewayAsync(string name, string institution, int port, int hubPort)
    {
        var host = await StartGatewayHostAsync(name, institution, port, hubPort);
        _gateways[host] = (name, institution, port, hubPort);
        return host;
    }

    /// <summary>Each institution's key-encryption key, in a key file of mode 0600 that its gateway is given.</summary>
    public IReadOnlyDictionary<string, TestKeyEncryptionKey> KeyEncryptionKeys => _keyEncryptionKeys ??= new Dictionary<string, TestKeyEncryptionKey>
    {
        [Hitachinaka] = new(Path.Combine(Pki.Folder, "institution-keys"), Hitachinaka),
        [Mito] = new(Path.Combine(Pki.Folder, "institution-keys"), Mito),
    };

    private Dictionary<string, TestKeyEncryptionKey>? _keyEncryptionKeys;
    private readonly HashSet<string> _withoutKeyEncryptionKey = [];

    /// <summary>Each gateway's checkpoint key, registered at the hub; kept across restarts like the gateway's files.</summary>
    public IReadOnlyDictionary<string, TestCheckpointKey> CheckpointKeys { get; } =
        new Dictionary<string, TestCheckpointKey> { [Hitachinaka] = new(), [Mito] = new() };

    /// <param name="database">Another database file than the gateway's own, for a second gateway beside it (without the console).</param>
    /// <param name="node">Which of the institution's gateway nodes (on the same database) this is.</param>
    private Task<TestHost> StartGatewayHostAsync(string name, string institution, int port, int hubPort, string? database = null,
        string node = FirstNode) =>
        TestHost.StartAsync(node == FirstNode ? "gateway-" + name : $"gateway-{name}-{node}", port, GatewayApp.Create, new Dictionary<string, string?>
        {
            ["Gateway:InstitutionCode"] = institution,
            ["Gateway:InstitutionName"] = name,
            ["Gateway:HubSigningKey"] = Convert.ToBase64String(HubPublicKey),
            ["Gateway:HubSigningKeyId"] = HubKeyId,
            ["Gateway:HubInstitutionCode"] = HubCode,
            ["Network:HubAddress"] = $"https://127.0.0.1:{hubPort}",
            ["Network:CallTimeout"] = "00:00:10",
            ["Console:Url"] = institution == Hitachinaka && database is null && node == FirstNode ? HitachiConsole : null,
        }.With(TestStorage.GatewaySettings(database ?? Path.Combine(DataFolder, name + ".db"), institution, Storage))
            .With(_withoutKeyEncryptionKey.Contains(institution) ? [] : KeyEncryptionKeys[institution].GatewaySettings())
            .With(new Dictionary<string, string?>(_gatewaySettings)).With(NodeSettings(institution, node)).With(Tls("gateway-" + name, new PeerIdentity(institution, Roles.Gateway, "gateway"))),
        institution == Hitachinaka ? _hitachiServices : null);

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


    /// <summary>
    /// Polls health checking until SERVING, for at most a minute: on a machine busy with other test hosts one check may
    /// exceed its own deadline, which is a reason to ask again, not to fail.
    /// </summary>
    public static async Task WaitUntilServingAsync(TestHost host, GrpcChannel channel)
    {
        var health = new Health.HealthClient(channel);
        var giveUp = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < giveUp)
        {
            try
            {
                var status = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                if (status.Status == HealthCheckResponse.Types.ServingStatus.Serving) return;
            }
            catch (Grpc.Core.RpcException slow) when (slow.StatusCode == Grpc.Core.StatusCode.DeadlineExceeded) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{host.Name} did not become SERVING within a minute.");
    }

    private Task WaitUntilServingAsync(TestHost host) =>
        WaitUntilServingAsync(host, Channel(host, "probe", new PeerIdentity(HubCode, Roles.Network, "probe")));

    /// <summary>Stops every host and releases the database files, keeping them on disk for inspection until disposal.</summary>
    public async Task StopHostsAsync()
    {
        if (_stopped) return;
        _stopped = true;
        foreach (var channel in _channels) channel.Dispose();
        _channels.Clear();
        foreach (var host in Hosts.Reverse()) await host.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostsAsync();
        Pki.Dispose();
    }
}

/// <summary>Settings laid over settings: the second's values win.</summary>
public static class DictionaryExtensions
{
    public static Dictionary<string, string?> With(this Dictionary<string, string?> first, Dictionary<string, string?> second)
    {
        foreach (var (key, value) in second) first[key] = value;
        return first;
    }
}
