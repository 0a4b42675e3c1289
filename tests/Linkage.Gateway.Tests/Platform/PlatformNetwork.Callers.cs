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
using Linkage.Domain.Records;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;
using Linkage.Gateway.Platform;
using Linkage.Network.Client;
using Linkage.Network.Sim;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Extensions.DependencyInjection;
using Permit = Linkage.Contracts.Network.V1.Permit;

namespace Linkage.Gateway.Tests.Platform;

/// <summary>The node's callers: the hub (with an audience), each institution's systems and staff, and what each institution keeps.</summary>
public sealed partial class PlatformNetwork
{
    private readonly List<GrpcChannel> _channels = [];
    private readonly HashSet<string> _registered = [];

    public X25519KeyPair InquirerKeys { get; } = X25519KeyPair.Generate();

    public HostedInstitution Institution(string code) =>
        Node.Services.GetRequiredService<HostedInstitutions>().Find(code) ?? throw new ArgumentException($"{code} is not on the node.");

    /// <summary>A channel to the node presenting the certificate <paramref name="name"/>, as <paramref name="peer"/>.</summary>
    public GrpcChannel Channel(string name, PeerIdentity peer, string? token = null)
    {
        var handler = MutualTlsChannel.CreateHandler(Pki.Material(name, peer));
        var channel = GrpcChannel.ForAddress(Node.Address, new GrpcChannelOptions
            { HttpHandler = token is null ? handler : new BearerTokenHandler(token, handler) });
        _channels.Add(channel);
        return channel;
    }

    /// <summary>Calls that carry the linkage-audience header, as the hub sends them.</summary>
    public static CallInvoker WithAudience(GrpcChannel channel, string audience) =>
        channel.Intercept(metadata =>
        {
            metadata.Add(CallAudience.Header, audience);
            return metadata;
        });

    /// <summary>The hub calling the node for <paramref name="audience"/>, or without naming anyone.</summary>
    public CallInvoker AsHub(string? audience)
    {
        var channel = Channel("hub", new PeerIdentity(TestNetwork.HubCode, Roles.Network, "provision-network"));
        return audience is null ? channel.CreateCallInvoker() : WithAudience(channel, audience);
    }

    /// <summary>A system of <paramref name="institution"/> with <paramref name="role"/>, registered there once.</summary>
    public GrpcChannel BackOffice(string institution, string role)
    {
        var name = $"{role}-{institution}";
        var peer = new PeerIdentity(institution, role, role);
        RegisterOnce(institution, name, peer, (administration, presented) =>
            administration.AddSystemAsync(role, role, role, presented, CancellationToken.None));
        return Channel(name, peer);
    }

    /// <summary>A staff member of <paramref name="institution"/> with <paramref name="role"/>, registered there once and signed in through the node.</summary>
    public GrpcChannel Staff(string institution, string role)
    {
        var (name, peer) = RegisteredStaff(institution, role);
        var token = new Contracts.V1.Staff.StaffClient(Channel(name, peer)).SignIn(new SignInRequest()).Token;
        return Channel(name, peer, token);
    }

    public (string Name, PeerIdentity Peer) RegisteredStaff(string institution, string role)
    {
        var name = $"staff-{role}-{institution}";
        var peer = new PeerIdentity(institution, role, "staff-" + role);
        RegisterOnce(institution, name, peer, (administration, presented) => administration.AddStaffAsync(
            new RegistryAdministration.StaffDraft("staff-" + role, $"職員 {role} {institution}", [role], [], null, null, presented), CancellationToken.None));
        return (name, peer);
    }

    private void RegisterOnce(string institution, string name, PeerIdentity peer, Func<RegistryAdministration, PresentedCertificate, Task> add)
    {
        lock (_registered)
        {
            if (!_registered.Add(name)) return;
            using var certificate = global::System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Pki.Issue(name, peer).Certificate);
            var presented = new PresentedCertificate(CertificateReferences.From(certificate), peer.InstitutionCode, true);
            add(Institution(institution).Services.GetRequiredService<RegistryAdministration>(), presented).GetAwaiter().GetResult();
        }
    }

    /// <summary>The address system of <paramref name="institution"/> acquires its symbol for a resident through the node.</summary>
    public async Task<string> AcquireSymbolAsync(string institution, int resident)
    {
        var person = Population.InternalAddressNumberOf(resident, Prefixes[institution]);
        var registry = new ResidentRegistry.ResidentRegistryClient(MutualTlsChannel.Create(Registry.Address,
            Pki.Material("address-registry-" + institution, new PeerIdentity(institution, Roles.AddressSystem, "address-system"))));
        var number = await registry.IssueAcquisitionNumberAsync(new IssueAcquisitionNumberRequest { IndividualNumber = Population.IndividualNumberOf(resident) });
        await new SymbolManagement.SymbolManagementClient(BackOffice(institution, Roles.AddressSystem))
            .AcquireSymbolAsync(new AcquireSymbolRequest { InternalAddressNumber = person, AcquisitionNumber = number.AcquisitionNumber });
        return person;
    }

    /// <summary>A resident with a symbol and an osteoporosis copy at <paramref name="institution"/>, the height given.</summary>
    public async Task<string> ProvideableAsync(string institution, int resident, string height)
    {
        var person = await AcquireSymbolAsync(institution, resident);
        var copy = NetworkScenarios.OsteoporosisCopy(person);
        copy.Items[0].Value = height;
        await new CopyRegistration.CopyRegistrationClient(BackOffice(institution, Roles.HealthSystem)).RegisterCopyAsync(new RegisterCopyRequest { Copy = copy });
        return person;
    }

    /// <summary>A permit the hub would issue to any mayor asking <paramref name="provider"/> about a resident.</summary>
    public Permit Permit(string provider, int resident, string inquirer)
    {
        var now = DateTimeOffset.UtcNow;
        return new Permit
        {
            PermitId = Guid.NewGuid().ToString("N"),
            InquiryId = Guid.NewGuid().ToString("N"),
            InquirerInstitutionCode = inquirer,
            ProviderInstitutionCode = provider,
            AffairCode = TestNetwork.Affair,
            ProcedureCode = TestNetwork.Procedure,
            InformationNameCode = TestNetwork.Osteoporosis,
            ProviderSymbol = Hub.Services.GetRequiredService<SymbolDerivation>().SymbolFor(provider, Population.ResidentCodeOf(resident)),
            InquirerPublicKey = ByteString.CopyFrom(InquirerKeys.PublicKey),
            IssuedAt = Timestamp.FromDateTimeOffset(now),
            ExpiresAt = Timestamp.FromDateTimeOffset(now.AddMinutes(2)),
            ListVersion = TestNetwork.ListVersion,
            LegalBasis = TestNetwork.LegalBasis,
            Route = new Route { Relay = "test", ReplyToInstitutionCode = inquirer },
        };
    }

    /// <summary>The hub relays the inquiry of <paramref name="permit"/> to the node for <paramref name="audience"/>.</summary>
    public Task<ProvisionAnswer> ProvideAsync(string? audience, Permit permit) =>
        new Contracts.V1.Provision.ProvisionClient(AsHub(audience)).ProvideAsync(PermitForge.Inquiry(permit, Sign(permit))).ResponseAsync;

    /// <summary>The permit signed with the hub's key, as the hub issues it.</summary>
    public SignedPermit Sign(Permit permit)
    {
        var bytes = permit.ToByteArray();
        return new SignedPermit
        {
            Permit = ByteString.CopyFrom(bytes),
            Signature = ByteString.CopyFrom(new Ed25519SignatureSigner(HubSigningKey, TestNetwork.HubKeyId).Sign(bytes)),
            KeyId = TestNetwork.HubKeyId,
        };
    }

    /// <summary>The values of a provided answer, opened with the inquirer's key.</summary>
    public IReadOnlyList<string> Open(ProvisionAnswer answer) =>
        new EnvelopeAnswerOpener().Open(InquirerKeys.PrivateKey, answer.PermitId, answer.InquiryId, NetworkWire.FromWire(answer.Payload)!)
            .SelectMany(r => r.Items).Select(i => i.Value).ToList();

    public async Task<List<ProvisionRecordEntry>> RecordsAsync(string institution)
    {
        var all = new List<ProvisionRecordEntry>();
        await foreach (var link in Institution(institution).Services.GetRequiredService<IRecordReader>().ReadAllAsync(NodeId, CancellationToken.None))
            all.Add(link.Entry);
        return all;
    }

    public async Task<List<OperationEntry>> OperationsAsync(string institution)
    {
        var all = new List<OperationEntry>();
        await foreach (var link in Institution(institution).Services.GetRequiredService<IOperationLogReader>().ReadAllAsync(NodeId, CancellationToken.None))
            all.Add(link.Entry);
        return all;
    }

    /// <summary>Each institution's health as the hub sees it through the node: SERVING once its database and list are ready.</summary>
    public async Task WaitUntilServingAsync(string institution)
    {
        var health = new Health.HealthClient(AsHub(institution));
        var giveUp = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < giveUp)
        {
            try
            {
                var status = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                if (status.Status == HealthCheckResponse.Types.ServingStatus.Serving) return;
            }
            catch (RpcException slow) when (slow.StatusCode == StatusCode.DeadlineExceeded) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{institution} did not become SERVING on the node within a minute.");
    }
}
