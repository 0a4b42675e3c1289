using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.Registry.V1;
using Linkage.Contracts.V1;
using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;
using Linkage.Gateway.Platform;
using Linkage.Network.Sim;
using Linkage.Registry.Sim;
using Linkage.Sim.Population;
using Linkage.Storage.PostgreSql;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog.Core;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Benchmarks.Platform;

/// <summary>
/// A platform node (ADR 0011) on PostgreSQL for the benchmarks: the resident registry and the hub simulators, and a
/// node that can be started with the first N of the configured institutions, each with its own schema and role in one
/// database (ADR 0012), its own key-encryption key, checkpoint key and client certificate. The benchmark plays the hub
/// toward the node (permits signed with the hub's key, the linkage-audience header). The first institution is the
/// measured one, Hitachinaka, whose residents have symbols and copies.
/// </summary>
internal sealed partial class BenchPlatform : IAsyncDisposable
{
    public const string PlatformCode = "9000000000000100";
    public const string NodeId = "bench-node-1";
    public const string Measured = Hitachinaka;
    private const string Database = "bench_platform";

    private readonly List<GrpcChannel> _channels = [];
    private readonly Dictionary<string, TestCheckpointKey> _checkpointKeys;
    private readonly Dictionary<string, TestKeyEncryptionKey> _keyEncryptionKeys = [];
    private readonly Dictionary<string, string> _connectionStrings = [];
    private byte[] _hubPublicKey = [];
    private int _hubPort;

    private BenchPlatform(int institutions, int residents)
    {
        // Hitachinaka first, then municipalities 1000083001000000, 1000083002000000, ... (16 digits, as the hub knows them).
        Institutions = [Measured, .. Enumerable.Range(1, institutions - 1).Select(i => $"10000{83000 + i}000000")];
        _checkpointKeys = Institutions.ToDictionary(i => i, _ => new TestCheckpointKey());
        Population = new SyntheticPopulation(residents);
    }

    public IReadOnlyList<string> Institutions { get; }

    /// <summary>The warnings and errors of the node and of every institution's gateway (the first thousand).</summary>
    public ProblemSink Problems { get; } = new();
    public TestPki Pki { get; } = new();
    public SyntheticPopulation Population { get; }
    public TestHost Registry { get; private set; } = null!;
    public TestHost Hub { get; private set; } = null!;
    public TestHost? Node { get; private set; }
    public byte[] HubSigningKey { get; private set; } = [];
    public X25519KeyPair InquirerKeys { get; } = X25519KeyPair.Generate();
    private string DataFolder => Path.Combine(Pki.Folder, "data");

    /// <summary>The registry and the hub, and every institution's schema and role provisioned; no node yet.</summary>
    public static async Task<BenchPlatform> StartAsync(int institutions, int residents, CancellationToken ct)
    {
        var platform = new BenchPlatform(institutions, residents);
        await platform.ProvisionSchemasAsync(ct);
        int registryPort = Ports.Free();
        platform._hubPort = Ports.Free();
        platform.NodePort = Ports.Free();
        var (signingKey, publicKey) = Ed25519Keys.Generate();
        platform.HubSigningKey = signingKey;
        platform._hubPublicKey = publicKey;
        Directory.CreateDirectory(platform.DataFolder);
        platform.Registry = await TestHost.StartAsync("registry", registryPort, RegistryApp.Create, new Dictionary<string, string?>
        {
            ["Registry:PopulationSize"] = residents.ToString(),
        }.With(platform.Tls("registry", new PeerIdentity(RegistryCode, Roles.Network, "resident-registry"))));
        platform.Hub = await TestHost.StartAsync("hub", platform._hubPort, HubApp.Create,
            platform.HubSettings(registryPort).With(platform.Tls("hub", new PeerIdentity(HubCode, Roles.Network, "provision-network"))));
        return platform;
    }

    public int NodePort { get; private set; }

    /// <summary>A fresh database of the cluster, one schema and role per institution in it, as a platform has them.</summary>
    private async Task ProvisionSchemasAsync(CancellationToken ct)
    {
        var admin = BenchPostgres.AdminConnectionString ?? throw new InvalidOperationException("No PostgreSQL cluster given.");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        var inDatabase = new NpgsqlConnectionStringBuilder(admin) { Database = Database }.ConnectionString;
        foreach (var institution in Institutions)
            _connectionStrings[institution] = await InstitutionSchemas.ProvisionAsync(inDatabase, InstitutionCode.Parse(institution),
                "bench-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), ct);
    }

    /// <summary>Starts the node with the first <paramref name="count"/> institutions; returns when every one has started
    /// (the node listens only then) and the measured one answers SERVING through the node.</summary>
    public async Task StartNodeAsync(int count)
    {
        if (Node is not null) throw new InvalidOperationException("A node is running.");
        Node = await TestHost.StartAsync("node", NodePort,
            (args, configure) => PlatformNode.Create(args, configure, institution => institution.Services.AddSingleton<ILogEventSink>(Problems)),
            NodeSettings(count), services => services.AddSingleton<ILogEventSink>(Problems));
        var failed = Node.Services.GetRequiredService<HostedInstitutions>().All.Where(i => !i.IsServing).ToList();
        if (failed.Count > 0)
            throw new InvalidOperationException($"{failed.Count} institutions did not start, e.g. {failed[0].Entry}: {failed[0].Failure?.Message}");
        await WaitUntilServingAsync(Measured);
    }

    public async Task StopNodeAsync()
    {
        foreach (var channel in _channels) channel.Dispose();
        _channels.Clear();
        if (Node is not null) await Node.DisposeAsync();
        Node = null;
        NpgsqlConnection.ClearAllPools();
    }

    public HostedInstitution Institution(string code) =>
        Node!.Services.GetRequiredService<HostedInstitutions>().Find(code) ?? throw new ArgumentException($"{code} is not on the node.");

    private GrpcChannel Channel(string name, PeerIdentity peer, string? address = null)
    {
        var channel = MutualTlsChannel.Create(address ?? Node!.Address, Pki.Material(name, peer));
        _channels.Add(channel);
        return channel;
    }

    /// <summary>The hub calling the node (or the node at <paramref name="address"/>) for <paramref name="audience"/>.</summary>
    public CallInvoker AsHub(string audience, string? address = null) =>
        Channel("hub", new PeerIdentity(HubCode, Roles.Network, "provision-network"), address).Intercept(metadata =>
        {
            metadata.Add(CallAudience.Header, audience);
            return metadata;
        });

    public async Task WaitUntilServingAsync(string institution, string? address = null)
    {
        var health = new Health.HealthClient(AsHub(institution, address));
        var giveUp = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < giveUp)
        {
            try
            {
                var status = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                if (status.Status == HealthCheckResponse.Types.ServingStatus.Serving) return;
            }
            // A node process listens only once every institution has started: until then its port refuses.
            catch (RpcException slow) when (slow.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Unavailable) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{institution} did not become SERVING on the node {address} within two minutes.");
    }

    /// <summary>A system of the measured institution with <paramref name="role"/>, registered there (its registry lives in its schema).</summary>
    private async Task<GrpcChannel> BackOfficeAsync(string role)
    {
        var name = $"{role}-{Measured}";
        var peer = new PeerIdentity(Measured, role, role);
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(Pki.Issue(name, peer).Certificate);
        var presented = new PresentedCertificate(CertificateReferences.From(certificate), peer.InstitutionCode, true);
        var services = Institution(Measured).Services;
        if (!services.GetRequiredService<CallerRegistry>().Current.Bindings.Any(b => b.Certificate.Thumbprint == presented.Certificate.Thumbprint))
            await services.GetRequiredService<RegistryAdministration>().AddSystemAsync(role, role, role, presented, CancellationToken.None);
        return Channel(name, peer);
    }

    /// <summary>Every resident of the measured institution gets a symbol (through the node) and an osteoporosis copy.</summary>
    public async Task ProvideableResidentsAsync()
    {
        var addresses = new SymbolManagement.SymbolManagementClient(await BackOfficeAsync(Roles.AddressSystem));
        var copies = new CopyRegistration.CopyRegistrationClient(await BackOfficeAsync(Roles.HealthSystem));
        var registry = new ResidentRegistry.ResidentRegistryClient(MutualTlsChannel.Create(Registry.Address,
            Pki.Material("address-registry-" + Measured, new PeerIdentity(Measured, Roles.AddressSystem, "address-system"))));
        await Task.WhenAll(Enumerable.Range(0, Population.Size).Chunk(Math.Max(1, Population.Size / 8)).Select(async chunk =>
        {
            foreach (var resident in chunk)
            {
                var person = Population.InternalAddressNumberOf(resident, HitachinakaPrefix);
                var number = await registry.IssueAcquisitionNumberAsync(new IssueAcquisitionNumberRequest { IndividualNumber = Population.IndividualNumberOf(resident) });
                await addresses.AcquireSymbolAsync(new AcquireSymbolRequest { InternalAddressNumber = person, AcquisitionNumber = number.AcquisitionNumber });
                await copies.RegisterCopyAsync(new RegisterCopyRequest { Copy = NetworkScenarios.OsteoporosisCopy(person) });
            }
        }));
    }

    /// <summary>The inquiry the hub relays for a resident of the measured institution, with a fresh permit signed by the hub.</summary>
    public RelayedInquiry Inquiry(string providerSymbol)
    {
        var now = DateTimeOffset.UtcNow;
        var permit = new Permit
        {
            PermitId = Guid.NewGuid().ToString("N"),
            InquiryId = Guid.NewGuid().ToString("N"),
            InquirerInstitutionCode = Mito,
            ProviderInstitutionCode = Measured,
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = Osteoporosis,
            ProviderSymbol = providerSymbol,
            InquirerPublicKey = ByteString.CopyFrom(InquirerKeys.PublicKey),
            IssuedAt = Timestamp.FromDateTimeOffset(now),
            ExpiresAt = Timestamp.FromDateTimeOffset(now.AddMinutes(2)),
            ListVersion = ListVersion,
            LegalBasis = LegalBasis,
            Route = new Route { Relay = "bench", ReplyToInstitutionCode = Mito },
        };
        var bytes = permit.ToByteArray();
        var signed = new SignedPermit
        {
            Permit = ByteString.CopyFrom(bytes),
            Signature = ByteString.CopyFrom(new Ed25519SignatureSigner(HubSigningKey, HubKeyId).Sign(bytes)),
            KeyId = HubKeyId,
        };
        return PermitForge.Inquiry(permit, signed);
    }

    /// <summary>The measured institution's symbol for a resident, as the hub derives it.</summary>
    public string ProviderSymbol(int resident) =>
        Hub.Services.GetRequiredService<SymbolDerivation>().SymbolFor(Measured, Population.ResidentCodeOf(resident));

    /// <summary>A connection to the measured institution's schema as its own role.</summary>
    public NpgsqlConnection ConnectToMeasured()
    {
        var connection = new NpgsqlConnection(_connectionStrings[Measured]);
        connection.Open();
        return connection;
    }

    private Dictionary<string, string?> HubSettings(int registryPort)
    {
        var hub = new Dictionary<string, string?>
        {
            ["Hub:SigningKey"] = Convert.ToBase64String(HubSigningKey),
            ["Hub:SigningKeyId"] = HubKeyId,
            ["Hub:SymbolSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Hub:RegistryAddress"] = $"https://127.0.0.1:{registryPort}",
            ["Hub:RegistryInstitutionCode"] = RegistryCode,
            ["Hub:DatabasePath"] = Path.Combine(DataFolder, "hub.db"),
            [$"Hub:Affairs:{Affair}"] = AffairName,
            ["Hub:PermittedList:Version"] = ListVersion.ToString(),
        };
        for (var i = 0; i < Institutions.Count; i++)
        {
            hub[$"Hub:Institutions:{i}:Code"] = Institutions[i];
            hub[$"Hub:Institutions:{i}:Name"] = $"municipality-{i}";
            hub[$"Hub:Institutions:{i}:Nodes:0:Url"] = $"https://127.0.0.1:{NodePort}";
            hub[$"Hub:Institutions:{i}:Nodes:0:Peer"] = PlatformCode;
            hub[$"Hub:Institutions:{i}:Classes:0"] = "class:municipal-mayor";
            hub = hub.With(_checkpointKeys[Institutions[i]].HubSettings(i));
            // The measured institution's second node (provision-two-nodes) seals its own chain with a key of its own.
            if (i == 0) hub = hub.With(SecondNodeKey.HubNodeSettings(i, 0));
            hub[$"Hub:PermittedList:Entries:{i}:Inquirer"] = "class:municipal-mayor";
            hub[$"Hub:PermittedList:Entries:{i}:Affair"] = Affair;
            hub[$"Hub:PermittedList:Entries:{i}:Procedure"] = Procedure;
            hub[$"Hub:PermittedList:Entries:{i}:Provider"] = Institutions[i];
            hub[$"Hub:PermittedList:Entries:{i}:InformationNames:0"] = Osteoporosis;
            hub[$"Hub:PermittedList:Entries:{i}:LegalBasis"] = LegalBasis;
        }
        // The inquirer of every permit: a municipality the hub knows, on no node of this benchmark.
        hub[$"Hub:Institutions:{Institutions.Count}:Code"] = Mito;
        hub[$"Hub:Institutions:{Institutions.Count}:Name"] = "水戸市長";
        hub[$"Hub:Institutions:{Institutions.Count}:Classes:0"] = "class:municipal-mayor";
        return hub;
    }

    /// <summary>What the institutions share is the node's (the hub); what each owns is its own, inline.</summary>
    private Dictionary<string, string?> NodeSettings(int count, string nodeId = NodeId)
    {
        var node = new Dictionary<string, string?>
        {
            ["Platform:NodeId"] = nodeId,
            ["Gateway:HubSigningKey"] = Convert.ToBase64String(_hubPublicKey),
            ["Gateway:HubSigningKeyId"] = HubKeyId,
            ["Gateway:HubInstitutionCode"] = HubCode,
            ["Network:HubAddress"] = $"https://127.0.0.1:{_hubPort}",
            ["Network:CallTimeout"] = "00:00:10",
        }.With(Tls("node", new PeerIdentity(PlatformCode, Roles.Gateway, NodeId)));
        for (var i = 0; i < count; i++)
        {
            var institution = Institutions[i];
            var own = new Dictionary<string, string?>
            {
                ["Gateway:InstitutionCode"] = institution,
                ["Gateway:InstitutionName"] = $"municipality {institution}",
                ["Storage:Provider"] = "PostgreSql",
                ["Storage:ConnectionString"] = _connectionStrings[institution],
            }.With(KeyEncryptionKey(institution).GatewaySettings())
                .With(_checkpointKeys[institution].GatewaySettings())
                .With(Tls("gateway-" + institution, new PeerIdentity(institution, Roles.Gateway, "gateway")));
            foreach (var (key, value) in own) node[$"Platform:Institutions:{i}:Settings:{key}"] = value;
        }
        return node;
    }

    /// <summary>Each institution's key file, written once: its data keys stay wrapped by the same key across node restarts.</summary>
    private TestKeyEncryptionKey KeyEncryptionKey(string institution)
    {
        if (!_keyEncryptionKeys.TryGetValue(institution, out var key))
            _keyEncryptionKeys[institution] = key = new TestKeyEncryptionKey(Path.Combine(DataFolder, "keys"), institution);
        return key;
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

    public async ValueTask DisposeAsync()
    {
        await StopNodeAsync();
        foreach (var host in new[] { Hub, Registry }.Where(h => h is not null)) await host.DisposeAsync();
        Pki.Dispose();
    }
}
