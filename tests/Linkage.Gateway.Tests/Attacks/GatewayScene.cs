using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;
using Linkage.Gateway.Jobs;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Gateway.Tests.Attacks;

/// <summary>
/// The whole network (hub, registry, Hitachinaka's and Mito's gateways) with everything the attacks start from:
/// a resident Hitachinaka can provide, signed-in staff of every role, a session signed out and one past its lifetime,
/// a system deactivated, a certificate revoked on an open connection, a hold flag an administrator set. Hitachinaka
/// seals its chains once a day and sweeps sessions once an hour, so that no background job writes while an attack is
/// counted.
/// </summary>
public sealed class GatewayScene : IAsyncLifetime, IAttackScene
{
    public const int Resident = 5;
    public const int ResidentWithoutSymbol = 6;

    private readonly Dictionary<string, (string Token, CallInvoker Invoker)> _sessions = [];
    private readonly List<GrpcChannel> _channels = [];

    public TestNetwork Network { get; private set; } = null!;
    public PermitForge Forge { get; private set; } = null!;
    public string Person => Network.Population.InternalAddressNumberOf(Resident, HitachinakaPrefix);
    public string PersonWithoutSymbol => Network.Population.InternalAddressNumberOf(ResidentWithoutSymbol, HitachinakaPrefix);
    public string SignedOutToken { get; private set; } = "";
    public string ExpiredToken { get; private set; } = "";
    public string AdministratorsFlag { get; private set; } = "";
    public CallInvoker RevokedOnOpenConnection { get; private set; } = null!;

    public string Home => "hitachinaka";

    public async Task InitializeAsync()
    {
        Network = await TestNetwork.StartAsync(hitachiSettings: new Dictionary<string, string?>
        {
            ["Checkpoints:Interval"] = "1.00:00:00",
            ["Staff:SweepInterval"] = "01:00:00",
        });
        Forge = new PermitForge(Network);
        await Network.ProvideableResidentAsync(Resident);
        // Both chains and the batch table hold rows before the attacks, so that none of them is the first of its kind
        // (a chain's first entry is sealed at once; SQLite counts a table's first key in a table of its own).
        var permit = Forge.Permit(Resident);
        await new Contracts.V1.Provision.ProvisionClient(Hub).ProvideAsync(PermitForge.Inquiry(permit, Forge.Sign(permit)));
        using (var batch = new CopyRegistration.CopyRegistrationClient(HealthSystem).RegisterCopies())
        {
            var copy = NetworkScenarios.OsteoporosisCopy(Person);
            copy.RecordKey = "2025-57-2";
            await batch.RequestStream.WriteAsync(new RegisterCopiesRequest { BatchId = "before-the-attacks", Copy = copy });
            await batch.RequestStream.CompleteAsync();
            Assert.Equal(1, (await batch).Stored);
        }
        SignedOutToken = await SignInAsync(Roles.Auditor);
        await new Contracts.V1.Staff.StaffClient(WithToken(Roles.Auditor, SignedOutToken)).SignOutAsync(new SignOutRequest());
        var expiring = await new Contracts.V1.Staff.StaffClient(StaffCertificate(Roles.Reviewer)).SignInAsync(new SignInRequest());
        ExpiredToken = expiring.Token;

        // A restart forgets the sessions held in memory: the next call reads the one made to look expired from the store.
        await Network.RestartHitachiAsync();
        await using (var data = TestStorage.Context(Path.Combine(Network.DataFolder, "hitachinaka.db"), Hitachinaka))
        {
            var session = await data.StaffSessions.SingleAsync(s => s.SessionId == expiring.Session.SessionId);
            session.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await data.SaveChangesAsync();
        }

        foreach (var role in Roles.Staff) Staff(role);
        AdministratorsFlag = (await new Contracts.V1.Administration.AdministrationClient(Staff(Roles.Administrator)).SetHoldFlagAsync(
            new SetHoldFlagRequest { InternalAddressNumber = Person, Reason = HoldFlagReason.CourtOrder, InformationNameCode = Cancer })).FlagId;
        await RegisterSystemAsync("health-deactivated", Roles.HealthSystem, deactivate: true);
        await RevokeOnOpenConnectionAsync();
        await SettleAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var channel in _channels) channel.Dispose();
        await Network.DisposeAsync();
    }

    public CallInvoker Hub => Invoker("hub-as-client", new PeerIdentity(HubCode, Roles.Network, "provision-network"));

    /// <summary>The hub's certificate, its calls naming <paramref name="audience"/> as the institution they are for.</summary>
    public CallInvoker HubFor(string audience) =>
        Network.Channel(Network.Hitachi, "hub-as-client", new PeerIdentity(HubCode, Roles.Network, "provision-network"))
            .Intercept(metadata =>
            {
                metadata.Add(CallAudience.Header, audience);
                return metadata;
            });

    public CallInvoker HealthSystem => Network.HealthSystem(Network.Hitachi, Hitachinaka).CreateCallInvoker();
    public CallInvoker AddressSystem => Network.AddressSystem(Network.Hitachi, Hitachinaka).CreateCallInvoker();

    /// <summary>A staff member of <paramref name="role"/>, signed in once for the whole corpus.</summary>
    public CallInvoker Staff(string role)
    {
        if (!_sessions.TryGetValue(role, out var session))
        {
            var token = SignInAsync(role).GetAwaiter().GetResult();
            _sessions[role] = session = (token, WithToken(role, token).CreateCallInvoker());
        }
        return session.Invoker;
    }

    public string TokenOf(string role)
    {
        Staff(role);
        return _sessions[role].Token;
    }

    /// <summary>The certificate of the staff member of <paramref name="role"/>, without a session.</summary>
    public GrpcChannel StaffCertificate(string role)
    {
        var (name, peer) = Network.RegisteredStaff(Network.Hitachi, role);
        return Network.Channel(Network.Hitachi, name, peer);
    }

    /// <summary>The certificate of the staff member of <paramref name="certificateRole"/> presenting <paramref name="token"/> as bearer.</summary>
    public GrpcChannel WithToken(string certificateRole, string token)
    {
        var (name, peer) = Network.RegisteredStaff(Network.Hitachi, certificateRole);
        return Network.SessionChannel(Network.Hitachi, name, peer, token);
    }

    /// <summary>A certificate of the test authority for <paramref name="peer"/>, registered or not.</summary>
    public CallInvoker Invoker(string certificateName, PeerIdentity peer) =>
        Network.Channel(Network.Hitachi, certificateName, peer).CreateCallInvoker();

    /// <summary>
    /// A channel presenting <paramref name="certificate"/> whatever it is (another authority's, expired, for servers
    /// only) and taking any server of our authority: the gateway's side of the handshake is what is tried.
    /// </summary>
    public CallInvoker Presenting(X509Certificate2 certificate) => Kept(GrpcChannel.ForAddress(Network.Hitachi.Address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    ClientCertificates = [certificate],
                    RemoteCertificateValidationCallback = (_, server, _, _) =>
                        server is X509Certificate2 gateway && new CertificateTrust(Network.Pki.Authority.Certificate).Verify(gateway, CertificateUsage.Server) == CertificateVerdict.Accepted,
                },
            },
        }));

    /// <summary>A certificate's channel without the client's own limit on what it sends: the gateway's limit is what is tried.</summary>
    public CallInvoker WithoutSendLimit(string certificateName, PeerIdentity peer) => Kept(GrpcChannel.ForAddress(Network.Hitachi.Address,
        new GrpcChannelOptions { HttpHandler = MutualTlsChannel.CreateHandler(Network.Pki.Material(certificateName, peer)), MaxSendMessageSize = null }));

    private CallInvoker Kept(GrpcChannel channel)
    {
        lock (_channels) _channels.Add(channel);
        return channel.CreateCallInvoker();
    }

    public RowCounts CountRows() => RowCounts.Take([(Home, Network.ConnectToHitachinaka)]);

    public string? NewestReason(string database, string table)
    {
        using var connection = Network.ConnectToHitachinaka();
        return NewestReasonIn(connection, table);
    }

    /// <summary>The reason of a chain table's newest entry, in a database of one gateway node.</summary>
    public static string? NewestReasonIn(System.Data.Common.DbConnection connection, string table)
    {
        using var newest = connection.CreateCommand();
        newest.CommandText = $"SELECT \"Reason\" FROM {TestStorage.Quoted(table)} ORDER BY \"Sequence\" DESC LIMIT 1";
        return newest.ExecuteScalar() as string;
    }

    private async Task<string> SignInAsync(string role)
    {
        var (name, peer) = Network.RegisteredStaff(Network.Hitachi, role);
        return await Network.SignInAsync(Network.Hitachi, name, peer);
    }

    private async Task RegisterSystemAsync(string id, string role, bool deactivate)
    {
        var administration = Network.Hitachi.Services.GetRequiredService<RegistryAdministration>();
        var peer = new PeerIdentity(Hitachinaka, role, id);
        await administration.AddSystemAsync(id, id, role, Network.Presented(id, peer), CancellationToken.None);
        if (deactivate) await administration.DeactivateAsync(CallerKind.System, id, "廃止", CancellationToken.None);
    }

    /// <summary>A registered system's connection is open (one call made) when its certificate is revoked.</summary>
    private async Task RevokeOnOpenConnectionAsync()
    {
        const string id = "health-revoked";
        await RegisterSystemAsync(id, Roles.HealthSystem, deactivate: false);
        RevokedOnOpenConnection = Invoker(id, new PeerIdentity(Hitachinaka, Roles.HealthSystem, id));
        await new Inquiry.InquiryClient(RevokedOnOpenConnection).ListPendingResultsAsync(new ListPendingResultsRequest());
        Assert.True(Network.Pki.Revoke(id));
        var trust = Network.Hitachi.Services.GetRequiredService<TlsMaterial>().Trust;
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Network.Pki.Folder, id + ".pem"));
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        while (!trust.IsRevoked(certificate))
        {
            Assert.True(DateTime.UtcNow < giveUp, "The gateway did not read the new revocation list within 30 seconds.");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Seals both chains now (the first entries of a chain are sealed at once otherwise, whenever that is), then waits
    /// until two counts a second and a half apart agree: from here on only the attacks write.
    /// </summary>
    private async Task SettleAsync()
    {
        var checkpoints = Network.Hitachi.Services.GetServices<IHostedService>().OfType<CheckpointJob>().Single();
        await checkpoints.RunOnceAsync(schedule: null, CancellationToken.None);
        await AttackRunner.WaitUntilQuietAsync(this);
    }
}
