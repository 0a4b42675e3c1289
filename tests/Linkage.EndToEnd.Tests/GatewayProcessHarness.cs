using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Codes;
using Linkage.Domain.Staff;
using Linkage.Storage.Database;
using Linkage.Storage.Keys;
using Linkage.Storage.Permits;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// The gateway as its own process, started from its built dll on a database the test prepares beforehand, so that a
/// test can kill it (SIGKILL) and start it again on the same file and port. The test plays the hub towards it, with
/// certificates of a throwaway authority and a hub signing key of its own.
/// </summary>
internal sealed class GatewayProcessHarness : IDisposable
{
    public GatewayProcessHarness(string name)
    {
        (HubKey, _) = Ed25519Keys.Generate();
        Database = Path.Combine(Pki.Folder, name + ".db");
    }

    public TestPki Pki { get; } = new();
    public byte[] HubKey { get; }
    public string Database { get; }
    public int Port { get; } = Ports.Free();
    public string Address => $"https://127.0.0.1:{Port}";

    /// <summary>Hitachinaka's key-encryption key, given to the gateway as its key file.</summary>
    public TestKeyEncryptionKey KeyEncryptionKey => _keyEncryptionKey ??= new(Path.Combine(Pki.Folder, "institution-keys"), Hitachinaka);

    private TestKeyEncryptionKey? _keyEncryptionKey;

    /// <summary>
    /// The institution's data keys in the gateway's database, opened as the gateway opens them (made on first use), so
    /// that the test can store copies and held answers the gateway can read.
    /// </summary>
    public async Task<InstitutionDataKeys> OpenDataKeysAsync()
    {
        await using var db = Contexts.CreateDbContext();
        await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
        return InstitutionDataKeys.Opened(Scope,
            await DataKeyRing.OpenAsync(db, Scope.Code, KeyEncryptionKey.Key, DateTimeOffset.UtcNow, CancellationToken.None));
    }

    public TestCheckpointKey CheckpointKey { get; } = new();

    public static InstitutionScope Scope => new(InstitutionCode.Parse(Hitachinaka));

    /// <summary>
    /// Contexts on the gateway's file outside the connection pool, so that the test holds nothing open between its
    /// looks (it reads while the gateway runs, and after a kill).
    /// </summary>
    public IDbContextFactory<LinkageDbContext> Contexts => new Factory(Database);

    private sealed class Factory(string path) : IDbContextFactory<LinkageDbContext>
    {
        public LinkageDbContext CreateDbContext() => new(new DbContextOptionsBuilder<LinkageDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder(SqlitePragmas.ConnectionString(path)) { Pooling = false }.ToString()).Options);
    }

    /// <summary>Migrated schema and a permitted list signed by the test's hub key, so the gateway serves without a hub.</summary>
    public async Task<SignedPermittedList> MigrateAsync()
    {
        await using (var db = Contexts.CreateDbContext())
            await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
        return await StorePermittedListAsync(Contexts);
    }

    /// <summary>A permitted list signed by the test's hub key, stored where <paramref name="contexts"/> reach (either provider).</summary>
    public async Task<SignedPermittedList> StorePermittedListAsync(IDbContextFactory<LinkageDbContext> contexts)
    {
        var list = new PermittedList { Version = 1, IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) };
        list.Entries.Add(new PermittedEntry
        {
            InquirerInstitutionCode = Mito,
            AffairCode = Affair,
            ProcedureCode = Procedure,
            ProviderInstitutionCode = Hitachinaka,
            InformationNameCode = Osteoporosis,
            LegalBasis = LegalBasis,
            ValidFrom = "2015-10-05",
        });
        var bytes = list.ToByteArray();
        var signature = new Ed25519SignatureSigner(HubKey, HubKeyId).Sign(bytes);
        await new PermittedListStore(contexts, Scope).SaveAsync(1, bytes, signature, HubKeyId, DateTimeOffset.UtcNow, CancellationToken.None);
        return new SignedPermittedList { List = ByteString.CopyFrom(bytes), Signature = ByteString.CopyFrom(signature), KeyId = HubKeyId };
    }

    /// <summary>A permit as the hub issues it to Mito for an osteoporosis answer from Hitachinaka.</summary>
    public static Permit Permit(string providerSymbol, byte[] inquirerPublicKey, string? permitId = null)
    {
        var now = DateTimeOffset.UtcNow;
        return new Permit
        {
            PermitId = permitId ?? Guid.NewGuid().ToString("N"),
            InquiryId = Guid.NewGuid().ToString("N"),
            InquirerInstitutionCode = Mito,
            ProviderInstitutionCode = Hitachinaka,
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = Osteoporosis,
            ProviderSymbol = providerSymbol,
            InquirerPublicKey = ByteString.CopyFrom(inquirerPublicKey),
            IssuedAt = Timestamp.FromDateTimeOffset(now),
            ExpiresAt = Timestamp.FromDateTimeOffset(now.AddMinutes(5)),
            ListVersion = 1,
            LegalBasis = LegalBasis,
        };
    }

    public SignedPermit Sign(Permit permit)
    {
        var bytes = permit.ToByteArray();
        return new SignedPermit
        {
            Permit = ByteString.CopyFrom(bytes),
            Signature = ByteString.CopyFrom(new Ed25519SignatureSigner(HubKey, HubKeyId).Sign(bytes)),
            KeyId = HubKeyId,
        };
    }

    /// <summary>A channel to the gateway presenting the hub's certificate (network role, the hub's code).</summary>
    public GrpcChannel HubChannel() =>
        MutualTlsChannel.Create(Address, Pki.Material("hub", new PeerIdentity(HubCode, Roles.Network, "hub")));

    /// <summary>A channel to the gateway presenting the certificate <paramref name="name"/> (issued on first use).</summary>
    public GrpcChannel Channel(string name, PeerIdentity peer) => MutualTlsChannel.Create(Address, Pki.Material(name, peer));

    /// <summary>Signs in with the staff certificate and returns a channel that presents it with the session's token.</summary>
    public async Task<GrpcChannel> SessionAsync(string name, PeerIdentity peer)
    {
        var tls = Pki.Material(name, peer);
        using var bare = MutualTlsChannel.Create(Address, tls);
        var token = (await new Contracts.V1.Staff.StaffClient(bare).SignInAsync(new Contracts.V1.SignInRequest())).Token;
        return GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            HttpHandler = new BearerTokenHandler(token, MutualTlsChannel.CreateHandler(tls)),
        });
    }

    /// <summary>
    /// Where the gateway keeps its data as process environment: the harness's SQLite file, or under <c>make test-pg</c>
    /// the institution's schema that <see cref="TestStorage"/> makes for that file's name.
    /// </summary>
    public Dictionary<string, string> StorageEnvironment() => TestStorage.GatewaySettings(Database, Hitachinaka)
        .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? "");

    /// <summary>Contexts on the gateway's data wherever <see cref="StorageEnvironment"/> put it, as its owner has it.</summary>
    public IDbContextFactory<LinkageDbContext> StorageContexts()
    {
        var options = new DbContextOptionsBuilder<LinkageDbContext>();
        TestStorage.Open(Database, Hitachinaka).ConfigureContext(options);
        return new PooledDbContextFactory<LinkageDbContext>(options.Options);
    }

    /// <summary>
    /// Starts the gateway process. <paramref name="settings"/> (configuration keys with "__") add to or replace the
    /// defaults; without a hub address, one where nothing listens (list refreshes then fail and the stored list serves).
    /// </summary>
    public GatewayProcess Start(IReadOnlyDictionary<string, string>? settings = null)
    {
        var tls = Pki.Issue("gateway", new PeerIdentity(Hitachinaka, Roles.Gateway, "gateway"));
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "Linkage.Gateway.dll"))
        {
            WorkingDirectory = Pki.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = Address,
                ["Tls__AuthorityCertificate"] = tls.AuthorityCertificate,
                ["Tls__Certificate"] = tls.Certificate,
                ["Tls__PrivateKey"] = tls.PrivateKey,
                ["Tls__RevocationList"] = tls.RevocationList,
                ["Gateway__InstitutionCode"] = Hitachinaka,
                ["Gateway__InstitutionName"] = "crash",
                ["Gateway__DatabasePath"] = Database,
                ["Gateway__HubSigningKey"] = Convert.ToBase64String(Ed25519Keys.PublicKeyOf(HubKey)),
                ["Gateway__HubSigningKeyId"] = HubKeyId,
                ["Gateway__HubInstitutionCode"] = HubCode,
                ["Network__HubAddress"] = $"https://127.0.0.1:{Ports.Free()}",
                ["InstitutionKeys__KeyFile"] = KeyEncryptionKey.FilePath,
                ["Checkpoints__Key"] = Convert.ToBase64String(CheckpointKey.PrivateKey),
                ["Checkpoints__PublicKey"] = Convert.ToBase64String(CheckpointKey.PublicKey),
                ["Checkpoints__KeyId"] = TestCheckpointKey.KeyId,
                ["Serilog__MinimumLevel__Default"] = "Warning",
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return new GatewayProcess(Process.Start(start)!);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Pki.Dispose();
    }
}

/// <summary>One run of the gateway process, with the tail of its output for the message of a failure.</summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private const int TailLines = 200;
    private readonly ConcurrentQueue<string> _tail = new();

    public GatewayProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    /// <summary>The last lines the gateway wrote (its logs redact personal data by type).</summary>
    public string Tail => string.Join(Environment.NewLine, _tail);

    private void Keep(string? line)
    {
        if (line is null) return;
        _tail.Enqueue(line);
        while (_tail.Count > TailLines) _tail.TryDequeue(out _);
    }

    /// <summary>
    /// Polls health checking until SERVING. One check may exceed its deadline on a busy machine, which is a reason to
    /// ask again; a process that exited is a failure at once, with its output.
    /// </summary>
    public async Task WaitUntilServingAsync(GrpcChannel channel)
    {
        var health = new Health.HealthClient(channel);
        var giveUp = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < giveUp)
        {
            if (Process.HasExited) throw new InvalidOperationException($"The gateway process exited with {Process.ExitCode}:\n{Tail}");
            try
            {
                var status = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                if (status.Status == HealthCheckResponse.Types.ServingStatus.Serving) return;
            }
            catch (RpcException) { /* not listening yet */ }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The gateway process did not become SERVING:\n{Tail}");
    }

    /// <summary>Polls; the time limit only guards against a hang, and its failure carries the gateway's last output.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            if (Process.HasExited) throw new InvalidOperationException($"The gateway process exited:\n{Tail}");
            if (DateTime.UtcNow > giveUp) throw new TimeoutException($"The condition did not come true in time:\n{Tail}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL to the process and its children: no shutdown code of the gateway runs.</summary>
    public async Task KillAsync()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Process.Dispose();
    }
}
