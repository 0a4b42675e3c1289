using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Staff;
using Linkage.Network.Sim;
using Linkage.Testing;
using Linkage.Transport;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>Where the hub is told a gateway node listens, and which institution its certificate must name (empty: its own).</summary>
public sealed record NodeAddress(string Url, string Peer = "");

/// <summary>
/// The hub simulator alone, with Hitachinaka (the provider) and Mito (the inquirer) served by the gateway nodes a test
/// gives it (fake ones, <see cref="FakeProvisionService"/>), and callers with each gateway's certificate: Mito's relays
/// inquiries to Hitachinaka, Hitachinaka's relays held answers to Mito.
/// </summary>
public sealed class HubNodesHarness : IAsyncDisposable
{
    /// <summary>The institution code of a platform that runs nodes for many institutions under its own certificate.</summary>
    public const string Platform = "9100000000000001";

    private readonly byte[] _signingKey;
    private readonly GrpcChannel _mito, _hitachi;

    private HubNodesHarness(TestHost hub, byte[] signingKey, GrpcChannel mito, GrpcChannel hitachi)
    {
        Hub = hub;
        _signingKey = signingKey;
        _mito = mito;
        _hitachi = hitachi;
    }

    public TestHost Hub { get; }

    public static PeerIdentity GatewayOf(string institution) => new(institution, Roles.Gateway, "gateway");

    /// <param name="settings">More hub settings (timeouts, failover) for one test.</param>
    public static async Task<HubNodesHarness> StartAsync(TestPki pki, IReadOnlyList<NodeAddress> hitachiNodes,
        IReadOnlyList<NodeAddress>? mitoNodes = null, IDictionary<string, string?>? settings = null)
    {
        var (signingKey, _) = Ed25519Keys.Generate();
        var hubTls = pki.Issue("hub", new PeerIdentity(HubCode, Roles.Network, "hub"));
        var configuration = new Dictionary<string, string?>
        {
            ["Hub:SigningKey"] = Convert.ToBase64String(signingKey),
            ["Hub:SigningKeyId"] = HubKeyId,
            ["Hub:SymbolSecret"] = Convert.ToBase64String(new byte[32]),
            // Never called here: relays need no symbols.
            ["Hub:RegistryAddress"] = "https://127.0.0.1:1",
            ["Hub:RegistryInstitutionCode"] = RegistryCode,
            ["Hub:DatabasePath"] = Path.Combine(pki.Folder, $"hub-{Guid.NewGuid():N}.db"),
            ["Hub:RelayTimeout"] = "00:00:30",
            ["Hub:Institutions:0:Code"] = Hitachinaka,
            ["Hub:Institutions:0:Name"] = "ひたちなか市長",
            ["Hub:Institutions:1:Code"] = Mito,
            ["Hub:Institutions:1:Name"] = "水戸市長",
            ["Tls:AuthorityCertificate"] = hubTls.AuthorityCertificate,
            ["Tls:Certificate"] = hubTls.Certificate,
            ["Tls:PrivateKey"] = hubTls.PrivateKey,
            ["Tls:RevocationList"] = hubTls.RevocationList,
        };
        AddNodes(configuration, 0, hitachiNodes);
        AddNodes(configuration, 1, mitoNodes ?? []);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var hub = await TestHost.StartAsync("hub", Ports.Free(), HubApp.Create, configuration);
                var expectedHub = new ExpectedPeer(HubCode, Roles.Network);
                return new HubNodesHarness(hub, signingKey,
                    MutualTlsChannel.Create(hub.Address, pki.Material("gateway-mito", GatewayOf(Mito)), expectedHub),
                    MutualTlsChannel.Create(hub.Address, pki.Material("gateway-hitachinaka", GatewayOf(Hitachinaka)), expectedHub));
            }
            // Another process took the chosen port before we bound it: choose again.
            catch (Exception error) when (Ports.IsAddressInUse(error) && attempt < 5) { }
        }
    }

    private static void AddNodes(Dictionary<string, string?> configuration, int institution, IReadOnlyList<NodeAddress> nodes)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            configuration[$"Hub:Institutions:{institution}:Nodes:{i}:Url"] = nodes[i].Url;
            configuration[$"Hub:Institutions:{institution}:Nodes:{i}:Peer"] = nodes[i].Peer;
        }
    }

    /// <summary>Mito's gateway relays an inquiry to Hitachinaka under a new permit; returns the permit id and the answer.</summary>
    public async Task<(string PermitId, ProvisionAnswer Answer)> InquireAsync()
    {
        var (permit, signed) = NewPermit();
        var answer = await new ProvisionNetwork.ProvisionNetworkClient(_mito).RelayInquiryAsync(new RelayedInquiry
        {
            Permit = signed,
            InquiryId = permit.InquiryId,
            AffairCode = permit.AffairCode,
            ProcedureCode = permit.ProcedureCode,
            InformationNameCode = permit.InformationNameCode,
        }, deadline: DateTime.UtcNow.AddMinutes(1));
        return (permit.PermitId, answer);
    }

    /// <summary>Mito's gateway relays an inquiry that must fail; the permit id and the failure (the test fails if it is answered).</summary>
    public async Task<(string PermitId, Grpc.Core.RpcException Failure)> InquiryFailureAsync()
    {
        var failure = await Assert.ThrowsAsync<Grpc.Core.RpcException>(InquireAsync);
        return (LastPermitId, failure);
    }

    /// <summary>Hitachinaka's gateway relays a held answer, decided later, to Mito; returns the permit id and the receipt.</summary>
    public async Task<(string PermitId, DeliveryReceipt Receipt)> DeliverAsync()
    {
        var (permit, signed) = NewPermit();
        var receipt = await new ProvisionNetwork.ProvisionNetworkClient(_hitachi).RelayAnswerAsync(new DeliveredAnswer
        {
            Permit = signed,
            Answer = new ProvisionAnswer { InquiryId = permit.InquiryId, PermitId = permit.PermitId, Outcome = ProvisionOutcome.NotProvided },
        }, deadline: DateTime.UtcNow.AddMinutes(1));
        return (permit.PermitId, receipt);
    }

    /// <summary>The permit id of the inquiry made last.</summary>
    public string LastPermitId { get; private set; } = "";

    private (Permit Permit, SignedPermit Signed) NewPermit()
    {
        var now = DateTimeOffset.UtcNow;
        var permit = new Permit
        {
            PermitId = Guid.NewGuid().ToString("N"),
            InquiryId = Guid.NewGuid().ToString("N"),
            InquirerInstitutionCode = Mito,
            ProviderInstitutionCode = Hitachinaka,
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = Osteoporosis,
            ProviderSymbol = "symbol-not-read-by-the-hub",
            InquirerPublicKey = ByteString.CopyFrom(new byte[32]),
            IssuedAt = Timestamp.FromDateTimeOffset(now),
            ExpiresAt = Timestamp.FromDateTimeOffset(now.AddMinutes(2)),
            ListVersion = ListVersion,
            LegalBasis = LegalBasis,
            Route = new Route { Relay = PermitIssuer.RelayName, ReplyToInstitutionCode = Mito },
        };
        LastPermitId = permit.PermitId;
        var bytes = permit.ToByteArray();
        return (permit, new SignedPermit
        {
            Permit = ByteString.CopyFrom(bytes),
            Signature = ByteString.CopyFrom(new Ed25519SignatureSigner(_signingKey, HubKeyId).Sign(bytes)),
            KeyId = HubKeyId,
        });
    }

    public async ValueTask DisposeAsync()
    {
        _mito.Dispose();
        _hitachi.Dispose();
        await Hub.DisposeAsync();
    }
}
