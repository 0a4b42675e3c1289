using Grpc.Net.Client;
using Linkage.Crypto;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Linkage.Gateway.Tests;

/// <summary>
/// The Hitachinaka gateway on TestServer, with no hub behind it: each channel presents a client certificate the way
/// Kestrel would after the TLS handshake, so authentication and authorization run as in production.
/// </summary>
public sealed class GatewayOnTestServer : IAsyncDisposable
{
    public const string Institution = TestNetwork.Hitachinaka;

    private readonly TestPki _pki;
    private readonly WebApplication _app;
    private readonly List<GrpcChannel> _channels = [];

    private GatewayOnTestServer(TestPki pki, WebApplication app, CollectingSink logs)
    {
        _pki = pki;
        _app = app;
        Logs = logs;
    }

    public CollectingSink Logs { get; }

    public static async Task<GatewayOnTestServer> StartAsync()
    {
        var pki = new TestPki();
        var tls = pki.Issue("gateway", new PeerIdentity(Institution, Roles.Gateway, "gateway"));
        var logs = new CollectingSink();
        var app = GatewayApp.Create([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Tls:AuthorityCertificate"] = tls.AuthorityCertificate,
                ["Tls:Certificate"] = tls.Certificate,
                ["Tls:PrivateKey"] = tls.PrivateKey,
                ["Tls:RevocationList"] = tls.RevocationList,
                ["Gateway:InstitutionCode"] = Institution,
                ["Gateway:InstitutionName"] = "ひたちなか市長",
                ["Gateway:DatabasePath"] = Path.Combine(pki.Folder, "gateway.db"),
                ["Gateway:HubSigningKey"] = Convert.ToBase64String(Ed25519Keys.Generate().PublicKey),
                ["Gateway:HubSigningKeyId"] = "hub-1",
                ["Gateway:HubInstitutionCode"] = TestNetwork.HubCode,
                // Nothing listens here: the list refresh fails and retries, which these tests rely on.
                ["Network:HubAddress"] = $"https://127.0.0.1:{Ports.Free()}",
                ["Network:MaxRetries"] = "0",
                ["CopyEncryption:ActiveKeyId"] = "k1",
                ["CopyEncryption:Keys:k1"] = Convert.ToBase64String(new byte[32]),
                ["Serilog:MinimumLevel:Default"] = "Information",
                ["Serilog:MinimumLevel:Override:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Fatal",
            });
            builder.Services.AddSingleton<ILogEventSink>(logs);
        });
        await app.StartAsync();
        return new GatewayOnTestServer(pki, app, logs);
    }

    /// <summary>A channel whose calls carry a certificate for the given role of the given institution.</summary>
    public GrpcChannel Channel(string role, string institution = Institution)
    {
        var certificate = _pki.Authority.Issue(new PeerIdentity(institution, role, "tester"), CertificateUsage.Client);
        var handler = _app.GetTestServer().CreateHandler(context => context.Connection.ClientCertificate = certificate);
        var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
        _channels.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels) channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _pki.Dispose();
    }
}
