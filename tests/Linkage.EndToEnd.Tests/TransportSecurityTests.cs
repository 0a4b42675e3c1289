using Linkage.Domain.Staff;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Linkage.Contracts.V1;
using Linkage.Testing;
using Linkage.Transport;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>Every channel is mutual TLS; identity and role come from the certificate, and everything else is denied.</summary>
public sealed class TransportSecurityTests : IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync();

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task A_call_without_a_client_certificate_is_refused()
    {
        var authority = _network.Pki.Authority.Certificate;
        using var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is System.Security.Cryptography.X509Certificates.X509Certificate2 c
                && new CertificateTrust(authority).IsIssuedByAuthority(c) },
        };
        using var channel = GrpcChannel.ForAddress(_network.Hitachi.Address, new GrpcChannelOptions { HttpHandler = handler });
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        // The handshake is refused; how the client reports that depends on when it notices (connect or first read).
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
    }

    [Fact(Timeout = 60_000)]
    public async Task A_certificate_from_another_authority_is_refused()
    {
        var foreign = DevCertificateAuthority.Create("Someone Else's CA");
        var tls = new TlsMaterial(foreign.Issue(new PeerIdentity(Hitachinaka, Roles.Administrator, "intruder"), CertificateUsage.Client),
            new CertificateTrust(_network.Pki.Authority.Certificate));
        using var channel = MutualTlsChannel.Create(_network.Hitachi.Address, tls);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        // The handshake is refused; how the client reports that depends on when it notices (connect or first read).
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
    }

    [Fact(Timeout = 60_000)]
    public async Task A_known_peer_gets_serving_from_health_checking()
    {
        var health = new Health.HealthClient(_network.Staff(_network.Hitachi, Roles.Reviewer));
        var status = await health.CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, status.Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_role_that_is_not_allowed_gets_permission_denied_with_a_reason()
    {
        var administration = new Administration.AdministrationClient(_network.Staff(_network.Hitachi, Roles.Reviewer));
        var error = await Assert.ThrowsAsync<RpcException>(() => administration.GetStatisticsAsync(new GetStatisticsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("PEER_NOT_AUTHORIZED", error.Reason());
    }

    [Fact(Timeout = 60_000)]
    public async Task Another_municipalitys_health_system_cannot_touch_our_copies()
    {
        var copies = new CopyRegistration.CopyRegistrationClient(_network.HealthSystem(_network.Hitachi, Mito));
        var error = await Assert.ThrowsAsync<RpcException>(() => copies.RegisterCopyAsync(new RegisterCopyRequest { Copy = new Copy() }).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, "OTHER_INSTITUTION"), (error.StatusCode, error.Reason()));
    }

    [Fact(Timeout = 60_000)]
    public async Task Only_the_network_may_call_provision()
    {
        var provision = new Provision.ProvisionClient(_network.HealthSystem(_network.Hitachi, Hitachinaka));
        var error = await Assert.ThrowsAsync<RpcException>(() => provision.ProvideAsync(new Contracts.Network.V1.RelayedInquiry()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_network_certificate_of_another_institution_is_not_the_hub()
    {
        var impostor = new Provision.ProvisionClient(
            _network.Channel(_network.Hitachi, "impostor-hub", new PeerIdentity(Mito, Roles.Network, "provision-network")));
        var error = await Assert.ThrowsAsync<RpcException>(() => impostor.ProvideAsync(new Contracts.Network.V1.RelayedInquiry()).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, "OTHER_INSTITUTION"), (error.StatusCode, error.Reason()));
    }
}
