using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Linkage.Transport.Tests;

/// <summary>Kestrel set up by <see cref="MutualTlsServer"/>, answering "ok" on HTTP/2, on a free loopback port.</summary>
public sealed class KestrelServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public static async Task<KestrelServer> StartAsync(TlsMaterial tls)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            MutualTlsServer.Configure(kestrel, tls);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps());
        });
        var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KestrelServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// A bare TLS server presenting any certificate (Kestrel will not serve one without serverAuth) for one handshake,
/// reporting whether the client completed it.
/// </summary>
public sealed class HandshakeServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task<bool> _handshake;

    public HandshakeServer(X509Certificate2 certificate)
    {
        _listener.Start();
        _handshake = AcceptOneAsync(certificate);
    }

    public string Address => $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Whether the client accepted the server: finished the handshake and went on to speak.</summary>
    public Task<bool> Handshake => _handshake;

    private async Task<bool> AcceptOneAsync(X509Certificate2 certificate)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        await using var tls = new SslStream(client.GetStream());
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                // Only the client's judgement of the server is under test here.
                ClientCertificateRequired = false,
                ApplicationProtocols = [SslApplicationProtocol.Http2],
            });
            // The client may judge the server only after the handshake; one that accepted it speaks HTTP/2 next,
            // one that refused it closes the connection.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var preface = new byte[24];
            return await tls.ReadAsync(preface, timeout.Token) > 0;
        }
        catch (Exception error) when (error is System.Security.Authentication.AuthenticationException or IOException)
        {
            return false;
        }
    }

    public void Dispose() => _listener.Stop();
}

public static class Http2
{
    /// <summary>One GET over a fresh connection: "ok", or the exception that ended it.</summary>
    public static async Task<string> GetAsync(string address, TlsMaterial tls, ExpectedPeer? expected = null)
    {
        using var client = new HttpClient(MutualTlsChannel.CreateHandler(tls, expected)) { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, address)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        try
        {
            using var response = await client.SendAsync(request);
            return await response.Content.ReadAsStringAsync();
        }
        catch (HttpRequestException error)
        {
            return $"failed: {error.Message}";
        }
    }
}
