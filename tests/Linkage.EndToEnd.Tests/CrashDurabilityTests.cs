using Linkage.Domain.Staff;
using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Codes;
using Linkage.Domain.Chains;
using Linkage.Domain.Records;
using Linkage.Storage.Permits;
using Linkage.Storage.Records;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static Linkage.Testing.TestNetwork;
using Linkage.Storage.Database;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// Kills the gateway process (SIGKILL) while it answers provisions at full speed: every answer that reached the
/// caller must have its record on disk afterwards, the chain must verify, and its permit must stay used.
/// The gateway runs as its own process; the test plays the hub, and the permitted list is stored beforehand.
/// </summary>
public sealed class CrashDurabilityTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly byte[] _hubKey;
    private readonly string _database;
    private readonly int _port = Ports.Free();

    public CrashDurabilityTests()
    {
        (_hubKey, _) = Ed25519Keys.Generate();
        _database = Path.Combine(_pki.Folder, "crash.db");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _pki.Dispose();
    }

    [Fact(Timeout = 180_000)]
    public async Task Every_acknowledged_record_survives_a_kill_of_the_process()
    {
        await PrepareDatabaseAsync();
        var hub = MutualTlsChannel.Create($"https://127.0.0.1:{_port}", _pki.Material("hub", new PeerIdentity(HubCode, Roles.Network, "hub")));
        var provision = new Contracts.V1.Provision.ProvisionClient(hub);

        var acknowledged = new ConcurrentBag<string>();
        var gateway = StartGateway();
        try
        {
            await WaitUntilServingAsync(hub);
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var (permit, request) = Request();
                    try
                    {
                        await provision.ProvideAsync(request, deadline: DateTime.UtcNow.AddSeconds(10));
                        acknowledged.Add(permit.PermitId);
                    }
                    catch (RpcException) { /* the process died under this call: no acknowledgement */ }
                }
            })).ToArray();

            while (acknowledged.Count < 300) await Task.Delay(10);
            gateway.Kill(entireProcessTree: true);
            await gateway.WaitForExitAsync();
            stop.Cancel();
            await Task.WhenAll(load);
        }
        finally
        {
            if (!gateway.HasExited) gateway.Kill(entireProcessTree: true);
            gateway.Dispose();
        }

        SqliteConnection.ClearAllPools();
        var stored = ReadPermitIds();
        Assert.All(acknowledged, id => Assert.Contains(id, stored));

        var chain = await new HashChainVerifier<ProvisionRecordEntry>(RecordHasher.Sha256)
            .VerifyAsync(new SqliteRecordReader(new Factory(_database), Scope).ReadAllAsync(CancellationToken.None), CancellationToken.None);
        Assert.True(chain.Intact, chain.Description);
        Assert.True(chain.Checked >= acknowledged.Count);

        var restarted = StartGateway();
        try
        {
            await WaitUntilServingAsync(hub);
            var replayed = acknowledged.First();
            var (_, request) = Request(replayed);
            var error = await Assert.ThrowsAsync<RpcException>(() => provision.ProvideAsync(request).ResponseAsync);
            Assert.Equal("PERMIT_REPLAYED", error.Reason());
        }
        finally
        {
            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync();
            restarted.Dispose();
            hub.Dispose();
        }
    }

    private static InstitutionScope Scope => new(InstitutionCode.Parse(Hitachinaka));

    private LinkageDbContext Context() => new Factory(_database).CreateDbContext();

    private sealed class Factory(string path) : IDbContextFactory<LinkageDbContext>
    {
        public LinkageDbContext CreateDbContext() => new(new DbContextOptionsBuilder<LinkageDbContext>()
            .UseSqlite(SqlitePragmas.ConnectionString(path)).Options);
    }

    /// <summary>Migrated schema and a permitted list signed by the test's hub key, so the gateway serves without a hub.</summary>
    private async Task PrepareDatabaseAsync()
    {
        await using var db = Context();
        await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
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
        await new PermittedListStore(new Factory(_database), Scope).SaveAsync(1, bytes,
            new Ed25519SignatureSigner(_hubKey, HubKeyId).Sign(bytes), HubKeyId, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    private (Permit Permit, RelayedInquiry Request) Request(string? permitId = null)
    {
        var now = DateTimeOffset.UtcNow;
        var permit = new Permit
        {
            PermitId = permitId ?? Guid.NewGuid().ToString("N"),
            InquiryId = Guid.NewGuid().ToString("N"),
            InquirerInstitutionCode = Mito,
            ProviderInstitutionCode = Hitachinaka,
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = Osteoporosis,
            ProviderSymbol = "0123456789ABCDEF0123456789ABCDEF",
            InquirerPublicKey = ByteString.CopyFrom(X25519KeyPair.Generate().PublicKey),
            IssuedAt = Timestamp.FromDateTimeOffset(now),
            ExpiresAt = Timestamp.FromDateTimeOffset(now.AddMinutes(5)),
            ListVersion = 1,
            LegalBasis = LegalBasis,
        };
        var bytes = permit.ToByteArray();
        var signed = new SignedPermit
        {
            Permit = ByteString.CopyFrom(bytes),
            Signature = ByteString.CopyFrom(new Ed25519SignatureSigner(_hubKey, HubKeyId).Sign(bytes)),
            KeyId = HubKeyId,
        };
        return (permit, PermitForge.Inquiry(permit, signed));
    }

    private HashSet<string> ReadPermitIds()
    {
        using var connection = new SqliteConnection($"Data Source={_database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT PermitId FROM ProvisionRecords";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    private Process StartGateway()
    {
        var tls = _pki.Issue("gateway", new PeerIdentity(Hitachinaka, Roles.Gateway, "gateway"));
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "Linkage.Gateway.dll"))
        {
            WorkingDirectory = _pki.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"https://127.0.0.1:{_port}",
                ["Tls__AuthorityCertificate"] = tls.AuthorityCertificate,
                ["Tls__Certificate"] = tls.Certificate,
                ["Tls__PrivateKey"] = tls.PrivateKey,
                ["Tls__RevocationList"] = tls.RevocationList,
                ["Gateway__InstitutionCode"] = Hitachinaka,
                ["Gateway__InstitutionName"] = "crash",
                ["Gateway__DatabasePath"] = _database,
                ["Gateway__HubSigningKey"] = Convert.ToBase64String(Ed25519Keys.PublicKeyOf(_hubKey)),
                ["Gateway__HubSigningKeyId"] = HubKeyId,
                ["Gateway__HubInstitutionCode"] = HubCode,
                // No hub runs here: list refreshes fail and are retried; the stored list serves.
                ["Network__HubAddress"] = $"https://127.0.0.1:{Ports.Free()}",
                ["CopyEncryption__ActiveKeyId"] = "k1",
                ["CopyEncryption__Keys__k1"] = Convert.ToBase64String(new byte[32]),
                ["Serilog__MinimumLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilServingAsync(Grpc.Net.Client.GrpcChannel channel)
    {
        var health = new Health.HealthClient(channel);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                var status = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (status.Status == HealthCheckResponse.Types.ServingStatus.Serving) return;
            }
            catch (RpcException) { /* not listening yet */ }
            await Task.Delay(100);
        }
        throw new TimeoutException("The gateway process did not become SERVING.");
    }
}
