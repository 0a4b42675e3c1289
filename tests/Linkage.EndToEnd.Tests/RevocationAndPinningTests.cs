using Linkage.Domain.Staff;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Linkage.Contracts.Network.V1;
using Linkage.Domain.Errors;
using Linkage.Network.Client;
using Linkage.Network.Sim;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// Revocation as the running network sees it (the list file changes, the gateway refuses the certificate without a
/// restart), and the gateway's channel to the hub, which accepts only the hub's own certificate.
/// </summary>
public sealed class RevocationAndPinningTests : IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync();

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task A_revoked_staff_certificate_is_refused_at_once_on_its_open_session_and_at_the_next_handshake()
    {
        var name = $"staff-{Roles.Auditor}-{Hitachinaka}";
        var peer = new PeerIdentity(Hitachinaka, Roles.Auditor, "staff-" + Roles.Auditor);
        var open = new Contracts.V1.Records.RecordsClient(_network.Staff(_network.Hitachi, Roles.Auditor));
        Assert.True((await open.VerifyAsync(new Contracts.V1.VerifyRequest())).Intact);

        Assert.True(_network.Pki.Revoke(name));
        var clock = Stopwatch.StartNew();
        RpcException refused;
        while (true)
        {
            try
            {
                await open.VerifyAsync(new Contracts.V1.VerifyRequest());
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the gateway still accepts the revoked certificate on its open session");
                await Task.Delay(20);
            }
            catch (RpcException error)
            {
                refused = error;
                break;
            }
        }
        // The connection stays open, so the refusal comes from the check on every call, with its reason.
        Assert.Equal((StatusCode.Unauthenticated, "CERTIFICATE_REVOKED"), (refused.StatusCode, refused.Reason()));
        var handshake = await Assert.ThrowsAsync<RpcException>(() => HealthAsync(name, peer));
        Assert.Contains(handshake.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });

        var gatewayTrust = _network.Hitachi.Services.GetRequiredService<TlsMaterial>().Trust;
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(
            Path.Combine(_network.Pki.Folder, name + ".pem"));
        Assert.True(gatewayTrust.IsRevoked(certificate));
        Assert.False(_network.Pki.Revoke(name));
        var operations = _network.Hitachi.Services.GetRequiredService<IOperationLogReader>();
        var logged = await operations.ListAsync(new OperationFilter("staff-" + Roles.Auditor, null, null, null), null, 1000, CancellationToken.None);
        Assert.Contains(logged, o => o.Entry.Rpc == "session/certificate-revoked");
        Assert.Contains(logged, o => o.Entry.Reason == "CERTIFICATE_REVOKED" && o.Entry.Outcome == OperationOutcome.Refused);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_gateways_hub_channel_reaches_a_server_with_the_hubs_own_certificate()
    {
        Assert.Equal(HubCode, _network.Hitachi.Services.GetRequiredService<IOptions<NetworkClientOptions>>().Value.HubInstitutionCode);
        await using var twin = await StartHubAsync("hub-twin", new PeerIdentity(HubCode, Roles.Network, "provision-network"));
        using var hub = GatewayHubChannel(twin);
        var list = await hub.OnceAsync(o => hub.Client.GetPermittedListAsync(new GetPermittedListRequest(), o).ResponseAsync, default);
        Assert.False(list.Signature.IsEmpty);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("a gateway", Mito, "gateway")]
    [InlineData("the network role of another institution", Mito, "network")]
    [InlineData("the registry", RegistryCode, "network")]
    public async Task A_peer_posing_as_the_hub_is_refused_by_the_gateways_hub_channel(string who, string institution, string role)
    {
        await using var impostor = await StartHubAsync("impostor-" + role + "-" + institution, new PeerIdentity(institution, role, who));
        using var hub = GatewayHubChannel(impostor);
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            hub.OnceAsync(o => hub.Client.GetPermittedListAsync(new GetPermittedListRequest(), o).ResponseAsync, default));
        Assert.Equal(ErrorReasons.PeerUnavailable, error.Reason);
        Assert.Contains("not the expected peer", error.Message);
    }

    private async Task<HealthCheckResponse.Types.ServingStatus> HealthAsync(string name, PeerIdentity peer)
    {
        using var channel = MutualTlsChannel.Create(_network.Hitachi.Address, _network.Pki.Material(name, peer));
        var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        return response.Status;
    }

    /// <summary>A hub channel as the Hitachinaka gateway makes it (its certificate, its expectation), toward another address.</summary>
    private HubConnection GatewayHubChannel(TestHost server)
    {
        var configured = _network.Hitachi.Services.GetRequiredService<IOptions<NetworkClientOptions>>().Value;
        return new HubConnection(
            new NetworkClientOptions { HubAddress = server.Address, HubInstitutionCode = configured.HubInstitutionCode, MaxRetries = 0 },
            _network.Hitachi.Services.GetRequiredService<TlsMaterial>());
    }

    /// <summary>A hub simulator serving with the given identity's certificate from our authority.</summary>
    private Task<TestHost> StartHubAsync(string certificateName, PeerIdentity identity)
    {
        var tls = _network.Pki.Issue(certificateName, identity);
        return TestHost.StartAsync(certificateName, Ports.Free(), HubApp.Create, new Dictionary<string, string?>
        {
            ["Hub:SigningKey"] = Convert.ToBase64String(_network.HubSigningKey),
            ["Hub:SigningKeyId"] = HubKeyId,
            ["Hub:SymbolSecret"] = Convert.ToBase64String(new byte[32]),
            ["Hub:RegistryAddress"] = _network.Registry.Address,
            ["Hub:RegistryInstitutionCode"] = RegistryCode,
            ["Hub:Institutions:0:Code"] = Hitachinaka,
            ["Hub:Institutions:0:Name"] = "ひたちなか市長",
            ["Tls:AuthorityCertificate"] = tls.AuthorityCertificate,
            ["Tls:Certificate"] = tls.Certificate,
            ["Tls:PrivateKey"] = tls.PrivateKey,
            ["Tls:RevocationList"] = tls.RevocationList,
        });
    }
}
