using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Chains;
using Linkage.Domain.Records;
using Linkage.Domain.Staff;
using Linkage.Storage.Database;
using Linkage.Storage.Records;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.EntityFrameworkCore;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// Two gateway nodes of Hitachinaka as processes of their own on one PostgreSQL schema, answering provisions at full
/// speed; one is killed (SIGKILL). The test plays the hub: it spreads the inquiries over both nodes and, when a call to
/// the dead node fails, moves it to the other. The inquiries complete on the survivor, every answer given before the
/// kill has its record, and none is given twice: a permit the dead node had recorded is refused by the survivor.
/// </summary>
[Trait("Storage", PostgresFactAttribute.Trait)]
public sealed class NodeKillTests : IDisposable
{
    private const string ProviderSymbol = "0123456789ABCDEF0123456789ABCDEF";
    private const int Workers = 16;
    private readonly GatewayProcessHarness _harness = new("two-nodes");
    private readonly TestCheckpointKey _secondKey = new("checkpoint-test-node-2");
    private readonly int _secondPort = Ports.Free();

    public void Dispose() => _harness.Dispose();

    /// <summary>The environment of one node: the shared schema, its name, its own checkpoint key and its peer's.</summary>
    private Dictionary<string, string> Settings(string node, int port, TestCheckpointKey own, TestCheckpointKey peer, string peerNode)
    {
        var settings = _harness.StorageEnvironment();
        foreach (var (key, value) in own.GatewaySettings("__").Concat(peer.PeerSettings(peerNode, "__"))) settings[key] = value ?? "";
        settings["Gateway__NodeId"] = node;
        settings["ASPNETCORE_URLS"] = $"https://127.0.0.1:{port}";
        return settings;
    }

    private GrpcChannel HubChannel(int port) =>
        MutualTlsChannel.Create($"https://127.0.0.1:{port}", _harness.Pki.Material("hub", new PeerIdentity(HubCode, Roles.Network, "hub")));

    private RelayedInquiry NewInquiry(out string permitId)
    {
        var permit = GatewayProcessHarness.Permit(ProviderSymbol, X25519KeyPair.Generate().PublicKey);
        permitId = permit.PermitId;
        return PermitForge.Inquiry(permit, _harness.Sign(permit));
    }

    [PostgresFact(Timeout = 300_000)]
    public async Task A_node_killed_under_load_leaves_the_inquiries_to_the_other_and_nothing_acknowledged_is_lost()
    {
        var contexts = _harness.StorageContexts();
        await using (var db = contexts.CreateDbContext())
            await TestStorage.Open(_harness.Database, Hitachinaka).MigrateAsync(db, CancellationToken.None);
        await _harness.StorePermittedListAsync(contexts);

        using var toFirst = _harness.HubChannel();
        using var toSecond = HubChannel(_secondPort);
        var clients = new[] { new Contracts.V1.Provision.ProvisionClient(toFirst), new Contracts.V1.Provision.ProvisionClient(toSecond) };
        await using var first = _harness.Start(Settings(FirstNode, _harness.Port, _harness.CheckpointKey, _secondKey, SecondNode));
        await using var second = _harness.Start(Settings(SecondNode, _secondPort, _secondKey, _harness.CheckpointKey, FirstNode));
        await first.WaitUntilServingAsync(toFirst);
        await second.WaitUntilServingAsync(toSecond);

        var acknowledged = new ConcurrentDictionary<string, int>();   // permit id -> the node that answered
        var refusedAsRecorded = new ConcurrentBag<string>();          // moved to the survivor, which found it recorded
        var unexpected = new ConcurrentBag<string>();
        var dead = false;
        var afterKill = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var inquiry = NewInquiry(out var permitId);
                var target = Volatile.Read(ref dead) ? 1 : (worker + i) % 2;
                try
                {
                    await clients[target].ProvideAsync(inquiry, deadline: DateTime.UtcNow.AddSeconds(30));
                    acknowledged[permitId] = target;
                    if (Volatile.Read(ref dead)) Interlocked.Increment(ref afterKill);
                    continue;
                }
                catch (RpcException error) when (target == 0 && Volatile.Read(ref dead))
                {
                    _ = error; // the call died with the node: as the hub does, move it to the other node
                }
                catch (RpcException error)
                {
                    unexpected.Add($"node {target + 1}: {error.StatusCode} {error.Reason()}");
                    continue;
                }
                try
                {
                    await clients[1].ProvideAsync(inquiry, deadline: DateTime.UtcNow.AddSeconds(30));
                    acknowledged[permitId] = 1;
                }
                catch (RpcException replayed) when (replayed.Reason() == "PERMIT_REPLAYED")
                {
                    refusedAsRecorded.Add(permitId);
                }
                catch (RpcException error)
                {
                    unexpected.Add($"moved to node 2: {error.StatusCode} {error.Reason()}");
                }
            }
        })).ToArray();

        await Until(() => acknowledged.Values.Count(n => n == 0) >= 150 && acknowledged.Values.Count(n => n == 1) >= 150, load);
        var beforeKill = acknowledged.ToDictionary();
        Volatile.Write(ref dead, true);
        await first.KillAsync();
        await Until(() => Volatile.Read(ref afterKill) >= 200, load);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Empty(unexpected);
        Assert.Contains(beforeKill.Values, n => n == 0);
        var recorded = await RecordedPermitsAsync(contexts);
        foreach (var (permitId, node) in acknowledged)
            Assert.Equal(node == 0 ? FirstNode : SecondNode, recorded.GetValueOrDefault(permitId));
        // A permit the survivor refused as used was recorded by the dead node before it died: answered once, never twice.
        Assert.All(refusedAsRecorded, permitId => Assert.Equal(FirstNode, recorded.GetValueOrDefault(permitId)));

        var reader = new DbRecordReader(contexts, GatewayProcessHarness.Scope);
        foreach (var node in new[] { FirstNode, SecondNode })
        {
            var chain = await new HashChainVerifier<ProvisionRecordEntry>(RecordHasher.Sha256)
                .VerifyAsync(reader.ReadAllAsync(node, CancellationToken.None), CancellationToken.None);
            Assert.True(chain.Intact, $"{node}: {chain.Description}");
        }

        // The survivor refuses again what the dead node answered before the kill.
        var replayed = beforeKill.First(a => a.Value == 0).Key;
        var permit = GatewayProcessHarness.Permit(ProviderSymbol, X25519KeyPair.Generate().PublicKey, replayed);
        var again = await Assert.ThrowsAsync<RpcException>(() => clients[1].ProvideAsync(PermitForge.Inquiry(permit, _harness.Sign(permit))).ResponseAsync);
        Assert.Equal("PERMIT_REPLAYED", again.Reason());
    }

    /// <summary>Which node recorded each permit's provision (the permit's first record: a replay's refusal comes after).</summary>
    private static async Task<Dictionary<string, string>> RecordedPermitsAsync(IDbContextFactory<LinkageDbContext> contexts)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.ProvisionRecords.AsNoTracking().Where(r => r.Reason != "PERMIT_REPLAYED")
            .Select(r => new { r.PermitId, r.Node }).ToListAsync();
        return rows.GroupBy(r => r.PermitId).ToDictionary(g => g.Key, g => g.Single().Node);
    }

    /// <summary>Waits for <paramref name="condition"/>, failing at once if the load stopped with an error.</summary>
    private static async Task Until(Func<bool> condition, Task[] load)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(3);
        while (!condition())
        {
            if (load.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
            if (DateTime.UtcNow > giveUp) throw new TimeoutException("The load did not get this far within three minutes.");
            await Task.Delay(20);
        }
    }
}
