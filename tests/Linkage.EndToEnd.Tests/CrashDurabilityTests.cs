using System.Collections.Concurrent;
using Grpc.Core;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Chains;
using Linkage.Domain.Records;
using Linkage.Storage.Records;
using Linkage.Testing;
using Microsoft.Data.Sqlite;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// Kills the gateway process (SIGKILL) while it answers provisions at full speed: every answer that reached the
/// caller must have its record on disk afterwards, the chain must verify, and its permit must stay used.
/// The gateway runs as its own process; the test plays the hub, and the permitted list is stored beforehand.
/// </summary>
public sealed class CrashDurabilityTests : IDisposable
{
    private const string ProviderSymbol = "0123456789ABCDEF0123456789ABCDEF";
    private readonly GatewayProcessHarness _gateway = new("crash");

    public void Dispose() => _gateway.Dispose();

    [Fact(Timeout = 180_000)]
    public async Task Every_acknowledged_record_survives_a_kill_of_the_process()
    {
        await _gateway.MigrateAsync();
        using var hub = _gateway.HubChannel();
        var provision = new Contracts.V1.Provision.ProvisionClient(hub);

        var acknowledged = new ConcurrentBag<string>();
        await using (var gateway = _gateway.Start())
        {
            await gateway.WaitUntilServingAsync(hub);
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
            await gateway.KillAsync();
            stop.Cancel();
            await Task.WhenAll(load);
        }

        var stored = ReadPermitIds();
        Assert.All(acknowledged, id => Assert.Contains(id, stored));

        var chain = await new HashChainVerifier<ProvisionRecordEntry>(RecordHasher.Sha256)
            .VerifyAsync(new DbRecordReader(_gateway.Contexts, GatewayProcessHarness.Scope).ReadAllAsync("node-1", CancellationToken.None), CancellationToken.None);
        Assert.True(chain.Intact, chain.Description);
        Assert.True(chain.Checked >= acknowledged.Count);

        await using (var restarted = _gateway.Start())
        {
            await restarted.WaitUntilServingAsync(hub);
            var (_, request) = Request(acknowledged.First());
            var error = await Assert.ThrowsAsync<RpcException>(() => provision.ProvideAsync(request).ResponseAsync);
            Assert.Equal("PERMIT_REPLAYED", error.Reason());
        }
    }

    private (Permit Permit, RelayedInquiry Request) Request(string? permitId = null)
    {
        var permit = GatewayProcessHarness.Permit(ProviderSymbol, X25519KeyPair.Generate().PublicKey, permitId);
        return (permit, PermitForge.Inquiry(permit, _gateway.Sign(permit)));
    }

    private HashSet<string> ReadPermitIds()
    {
        using var connection = new SqliteConnection($"Data Source={_gateway.Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT PermitId FROM ProvisionRecords";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }
}
