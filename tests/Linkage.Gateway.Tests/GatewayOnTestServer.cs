using Linkage.Domain.Staff;
using System.Net;
using System.Security.Cryptography.X509Certificates;
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

    private GatewayOnTestServer(TestPki pki, WebApplication app, CollectingSink logs, TestKeyEncryptionKey keyEncryptionKey)
    {
        _pki = pki;
        _app = app;
        Logs = logs;
        KeyEncryptionKey = keyEncryptionKey;
    }

    public CollectingSink Logs { get; }

    /// <summary>The institution's key file, given to the gateway unless a test's settings empty <c>InstitutionKeys:KeyFile</c>.</summary>
    public TestKeyEncryptionKey KeyEncryptionKey { get; }

    public string DatabasePath => Path.Combine(_pki.Folder, "gateway.db");

    /// <param name="settings">Configuration beyond the defaults, e.g. the staff section.</param>
    /// <param name="services">Replaces services for one test, e.g. the clock.</param>
    public static async Task<GatewayOnTestServer> StartAsync(IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var pki = new TestPki();
        var tls = pki.Issue("gateway", new PeerIdentity(Institution, Roles.Gateway, "gateway"));
        var logs = new CollectingSink();
        var checkpointKey = new TestCheckpointKey();
        var keyEncryptionKey = new TestKeyEncryptionKey(Path.Combine(pki.Folder, "institution-keys"), Institution);
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
                ["Gateway:HubSigningKey"] = Convert.ToBase64String(Ed25519Keys.Generate().PublicKey),
                ["Gateway:HubSigningKeyId"] = "hub-1",
                ["Gateway:HubInstitutionCode"] = TestNetwork.HubCode,
                // Nothing listens here: the list refresh fails and retries, which these tests rely on.
                ["Network:HubAddress"] = $"https://127.0.0.1:{Ports.Free()}",
                ["Network:MaxRetries"] = "0",
                ["InstitutionKeys:KeyFile"] = keyEncryptionKey.FilePath,
                ["Checkpoints:Key"] = Convert.ToBase64String(checkpointKey.PrivateKey),
                ["Checkpoints:PublicKey"] = Convert.ToBase64String(checkpointKey.PublicKey),
                ["Checkpoints:KeyId"] = TestCheckpointKey.KeyId,
                ["Serilog:MinimumLevel:Default"] = "Information",
                ["Serilog:MinimumLevel:Override:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Fatal",
            });
            builder.Configuration.AddInMemoryCollection(TestStorage.GatewaySettings(DatabasePathIn(pki), Institution));
            if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<ILogEventSink>(logs);
            services?.Invoke(builder.Services);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A test that expects the start to fail (invalid options) leaves no host, database or certificates behind.
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            pki.Dispose();
            throw;
        }
        return new GatewayOnTestServer(pki, app, logs, keyEncryptionKey);
    }

    public IServiceProvider Services => _app.Services;

    private static string DatabasePathIn(TestPki pki) => Path.Combine(pki.Folder, "gateway.db");

    /// <summary>The gateway's own data, as its owner reads it (SQLite file or PostgreSQL schema; see <see cref="TestStorage"/>).</summary>
    public System.Data.Common.DbConnection ConnectToDatabase() => TestStorage.Connect(DatabasePathIn(_pki), Institution);

    /// <summary>
    /// A channel whose calls carry a certificate for the given role of the given institution. Systems and staff of our
    /// own institution are registered first, and staff are signed in (their calls carry the session token).
    /// </summary>
    public GrpcChannel Channel(string role, string institution = Institution)
    {
        var certificate = Certificate(role, institution);
        if (institution != Institution) return Raw(certificate);
        if (Roles.Systems.Contains(role))
        {
            RegisterSystem(certificate, role);
            return Raw(certificate);
        }
        if (!Roles.Staff.Contains(role)) return Raw(certificate);
        RegisterStaff(certificate, role);
        return Raw(certificate, SignIn(certificate));
    }

    public X509Certificate2 Certificate(string role, string institution = Institution) =>
        _pki.Authority.Issue(new PeerIdentity(institution, role, "tester-" + role), CertificateUsage.Client);

    /// <returns>The new staff member's id.</returns>
    public string RegisterStaff(X509Certificate2 certificate, string role, IReadOnlyList<string>? informationNames = null)
    {
        var id = $"tester-{Interlocked.Increment(ref _registered)}-{_run}";
        Administration.AddStaffAsync(new RegistryAdministration.StaffDraft(id, "tester", [role], informationNames ?? [], null, null,
            Presented(certificate)), CancellationToken.None).GetAwaiter().GetResult();
        return id;
    }

    public string RegisterSystem(X509Certificate2 certificate, string role)
    {
        var id = $"system-{Interlocked.Increment(ref _registered)}-{_run}";
        Administration.AddSystemAsync(id, "tester", role, Presented(certificate), CancellationToken.None).GetAwaiter().GetResult();
        return id;
    }

    /// <summary>Signs in with the certificate (from <paramref name="from"/>, loopback by default) and returns the token.</summary>
    public string SignIn(X509Certificate2 certificate, IPAddress? from = null)
    {
        using var channel = Raw(certificate, from: from);
        return new Contracts.V1.Staff.StaffClient(channel).SignIn(new Contracts.V1.SignInRequest()).Token;
    }

    /// <summary>A channel presenting <paramref name="certificate"/>, with a bearer token if given, from an address.</summary>
    public GrpcChannel Raw(X509Certificate2 certificate, string? token = null, IPAddress? from = null)
    {
        HttpMessageHandler handler = _app.GetTestServer().CreateHandler(context =>
        {
            context.Connection.ClientCertificate = certificate;
            context.Connection.RemoteIpAddress = from ?? IPAddress.Loopback;
        });
        if (token is not null) handler = new BearerTokenHandler(token, handler);
        var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
        _channels.Add(channel);
        return channel;
    }

    public static PresentedCertificate Presented(X509Certificate2 certificate) =>
        new(CertificateReferences.From(certificate), PeerIdentity.FromCertificate(certificate)?.InstitutionCode, true);

    private RegistryAdministration Administration => _app.Services.GetRequiredService<RegistryAdministration>();

    private int _registered;

    // Ids stay unique when a test starts a second gateway on the database of the first.
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels) channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _pki.Dispose();
    }
}
