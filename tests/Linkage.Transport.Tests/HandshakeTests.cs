using System.Diagnostics;

namespace Linkage.Transport.Tests;

/// <summary>The TLS handshake on loopback: our servers refuse clients, and our channels refuse servers, by usage, revocation and identity.</summary>
public sealed class HandshakeTests : IDisposable
{
    private readonly Pki _pki = new();

    [Fact(Timeout = 60_000)]
    public async Task A_client_certificate_without_client_authentication_is_refused_by_the_server()
    {
        using var serverTls = _pki.Material(_pki.Server(), watch: true);
        await using var server = await KestrelServer.StartAsync(serverTls);
        using var client = _pki.Material(_pki.Client());
        using var serverOnly = _pki.Material(_pki.Custom(Pki.Staff, [CertificateUsages.ServerAuthOid]));
        using var noUsage = _pki.Material(_pki.Custom(Pki.Staff, []));

        Assert.Equal("ok", await Http2.GetAsync(server.Address, client));
        Assert.StartsWith("failed", await Http2.GetAsync(server.Address, serverOnly));
        Assert.StartsWith("failed", await Http2.GetAsync(server.Address, noUsage));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_certificate_without_server_authentication_is_refused_by_the_client()
    {
        using var client = _pki.Material(_pki.Client());
        using (var good = new HandshakeServer(_pki.Server()))
        {
            await Http2.GetAsync(good.Address, client);
            Assert.True(await good.Handshake);
        }
        using var clientOnly = new HandshakeServer(_pki.Custom(Pki.Gateway, [CertificateUsages.ClientAuthOid]));
        await Http2.GetAsync(clientOnly.Address, client);
        Assert.False(await clientOnly.Handshake);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_revoked_server_certificate_is_refused_by_the_client()
    {
        var certificate = _pki.Server();
        _pki.Revoke(certificate);
        using var client = _pki.Material(_pki.Client());
        using var server = new HandshakeServer(certificate);
        await Http2.GetAsync(server.Address, client);
        Assert.False(await server.Handshake);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_revoked_client_certificate_is_refused_at_the_next_handshake_once_the_list_file_changes()
    {
        using var serverTls = _pki.Material(_pki.Server(), watch: true);
        await using var server = await KestrelServer.StartAsync(serverTls);
        var certificate = _pki.Client();
        using var client = _pki.Material(certificate);
        Assert.Equal("ok", await Http2.GetAsync(server.Address, client));

        Assert.True(_pki.Revoke(certificate));
        var clock = Stopwatch.StartNew();
        while (await Http2.GetAsync(server.Address, client) == "ok")
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the revoked certificate was still accepted");
            await Task.Delay(20);
        }
        Assert.True(serverTls.Trust.IsRevoked(certificate));
        using var other = _pki.Material(_pki.Client());
        Assert.Equal("ok", await Http2.GetAsync(server.Address, other));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_channel_expecting_a_peer_refuses_another_peers_certificate()
    {
        using var client = _pki.Material(_pki.Server());
        var hub = new ExpectedPeer(Pki.Hub, "network");

        using (var real = new HandshakeServer(_pki.Server(new PeerIdentity(Pki.Hub, "network", "provision-network"))))
        {
            await Http2.GetAsync(real.Address, client, hub);
            Assert.True(await real.Handshake);
        }
        using (var gateway = new HandshakeServer(_pki.Server(new PeerIdentity(Pki.Hub, "gateway", "provision-network"))))
        {
            await Http2.GetAsync(gateway.Address, client, hub);
            Assert.False(await gateway.Handshake);
        }
        using (var otherInstitution = new HandshakeServer(_pki.Server(new PeerIdentity(Pki.Institution, "network", "provision-network"))))
        {
            await Http2.GetAsync(otherInstitution.Address, client, hub);
            Assert.False(await otherInstitution.Handshake);
        }
    }

    public void Dispose() => _pki.Dispose();
}
