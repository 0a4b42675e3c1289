using System.Collections.Concurrent;
using Linkage.Benchmarks.Echo;
using Linkage.Benchmarks.Provision;
using Linkage.Contracts.Network.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Linkage.Transport;
using Npgsql;
using static Linkage.Testing.TestNetwork;
using ProvisionClient = Linkage.Contracts.V1.Provision.ProvisionClient;

namespace Linkage.Benchmarks.Platform;

/// <summary>
/// Issue #15 / ADR 0017: provisions to one institution served by two active platform nodes on its one PostgreSQL schema
/// (each node its own record chain, checkpoint key and group commit; jobs led through an advisory lock), against the
/// same load on one of them, and the bare gRPC echo, alternating in the same rounds. The nodes are processes of their
/// own, as the platform runs them, so that each node's processor time is its own; the PostgreSQL server's is read
/// from /proc, this process's (the load, the hub and registry simulators, the echo) from the runtime.
/// </summary>
public sealed class ProvisionTwoNodesBenchmark : IBenchmark
{
    internal const int Residents = 500;
    internal const int Concurrency = 64;
    internal const int EchoCallsPerRound = 40_000;
    internal const int CallsPerRound = 8_000;
    internal const int WarmUpRounds = 3;
    // More rounds than the other provision benchmarks: three configurations share one busy machine, and its drift
    // between rounds is the larger part of the spread.
    internal const int Rounds = 12;

    public string Name => "provision-two-nodes";

    public bool NeedsPostgreSql => true;

    /// <summary>One measured run of a provision path: the load, each node process's and the server's processor time
    /// meanwhile, and what the cluster counted from just before it to 2 s after (its counters lag by up to a second).</summary>
    internal sealed record Run(LoadRun.Result Load, TimeSpan[] Nodes, TimeSpan? Server, BenchPostgres.Activity Activity);

    /// <param name="Half">One node with half the calls in flight: what each of two nodes sees of the same load, without a second node.</param>
    internal sealed record Row(int Round, LoadRun.Result Echo, Run One, Run Half, Run Two);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var loadBefore = BenchMachine.LoadAverage();
        await using var platform = await BenchPlatform.StartAsync(1, Residents, ct);
        var symbols = Enumerable.Range(0, Residents).Select(platform.ProviderSymbol).ToArray();
        // The residents' symbols and copies go in through an in-process node of the first node's name (it registers the
        // back-office systems in the institution's schema); then it stops and the node processes take the schema over.
        Console.WriteLine("seeding the residents");
        await platform.StartNodeAsync(1);
        await platform.ProvideableResidentsAsync();
        var sample = await new ProvisionClient(platform.AsHub(BenchPlatform.Measured)).ProvideAsync(platform.Inquiry(symbols[0]), cancellationToken: ct);
        await platform.StopNodeAsync();

        var nodes = new List<NodeProcess>();
        try
        {
            foreach (var (id, port) in new[] { (BenchPlatform.NodeId, platform.NodePort), (BenchPlatform.SecondNodeId, Ports.Free()) })
                nodes.Add(NodeProcess.Start(id, port, platform.NodeProcessEnvironment(id, port)));
            foreach (var node in nodes)
            {
                try
                {
                    await platform.WaitUntilServingAsync(BenchPlatform.Measured, node.Address);
                }
                catch (TimeoutException) when (node.HasExited || node.Problems.Count > 0)
                {
                    throw new InvalidOperationException($"{node.Name} did not start: {string.Join(" | ", node.Problems.Take(5))}");
                }
            }
            return await MeasureAsync(platform, nodes, symbols, sample, loadBefore, ct);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    private static async Task<string> MeasureAsync(BenchPlatform platform, List<NodeProcess> nodes, string[] symbols,
        ProvisionAnswer sample, string loadBefore, CancellationToken ct)
    {
        var hub = new PeerIdentity(HubCode, Roles.Network, "provision-network");
        var echoTls = platform.Pki.Issue("echo", new PeerIdentity(BenchPlatform.Measured, Roles.Gateway, "echo"));
        await using var echoHost = await TestHost.StartAsync("echo", Ports.Free(), (args, configure) => EchoApp.Create(args, configure, sample),
            new Dictionary<string, string?>
            {
                ["Tls:AuthorityCertificate"] = echoTls.AuthorityCertificate,
                ["Tls:Certificate"] = echoTls.Certificate,
                ["Tls:PrivateKey"] = echoTls.PrivateKey,
                ["Tls:RevocationList"] = echoTls.RevocationList,
            });
        using var echoChannel = MutualTlsChannel.Create(echoHost.Address, platform.Pki.Material("hub", hub));
        var echo = new BenchEcho.BenchEchoClient(echoChannel);
        var echoRequest = platform.Inquiry(symbols[0]);
        var clients = nodes.Select(n => new ProvisionClient(platform.AsHub(BenchPlatform.Measured, n.Address))).ToArray();

        // Answers other than Provided, by outcome and reason: each a failure of its round, named in the section; more
        // than one in a hundred means the benchmark measures refusals, and it stops.
        var unexpected = new ConcurrentDictionary<string, int>();
        var answered = 0;
        async Task ProvideAsync(ProvisionClient client, RelayedInquiry request)
        {
            Interlocked.Increment(ref answered);
            ProvisionAnswer answer;
            try
            {
                answer = await client.ProvideAsync(request, cancellationToken: ct);
            }
            catch (Grpc.Core.RpcException error)
            {
                unexpected.AddOrUpdate($"{error.StatusCode} {error.Status.Detail}", 1, (_, n) => n + 1);
                throw;
            }
            if (answer.Outcome == ProvisionOutcome.Provided) return;
            unexpected.AddOrUpdate($"{answer.Outcome} {answer.NotProvidedReason}", 1, (_, n) => n + 1);
            throw new InvalidOperationException($"Outcome {answer.Outcome} {answer.NotProvidedReason}.");
        }
        void RequireProvided()
        {
            if (unexpected.Values.Sum() * 100 > answered)
                throw new InvalidOperationException("Provisions answered other than Provided: " + string.Join(", ", unexpected.Select(u => $"{u.Key} × {u.Value}")) +
                    "; the nodes' errors: " + string.Join(" | ", nodes.SelectMany(n => n.Problems).Take(5)));
        }
        // One node takes every call; two nodes take them in turn, as the hub spreads relayed inquiries (round-robin).
        Task OneAsync(RelayedInquiry r) => ProvideAsync(clients[0], r);
        var turn = 0;
        Task TwoAsync(RelayedInquiry r) => ProvideAsync(clients[Interlocked.Increment(ref turn) & 1], r);

        async Task<Run> ProvisionsAsync(Func<RelayedInquiry, Task> call, int calls, int concurrency = Concurrency)
        {
            // Permits are signed before the clock starts: signing is the hub's work, not the nodes'.
            var requests = Enumerable.Range(0, calls).Select(i => platform.Inquiry(symbols[i % Residents])).ToList();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            var activity = await BenchPostgres.ActivityAsync(ct);
            var server = await BenchPostgres.ServerProcessorTimeAsync(ct);
            var before = nodes.Select(n => n.ProcessorTime).ToArray();
            var load = await LoadRun.RunAsync(requests, concurrency, call);
            var used = nodes.Select((n, i) => n.ProcessorTime - before[i]).ToArray();
            var serverUsed = await BenchPostgres.ServerProcessorTimeAsync(ct) - server;
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            return new Run(load, used, serverUsed, (await BenchPostgres.ActivityAsync(ct)).Minus(activity));
        }
        async Task<LoadRun.Result> EchoAsync(int calls)
        {
            var requests = Enumerable.Repeat(echoRequest, calls).ToList();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            return await LoadRun.RunAsync(requests, Concurrency, r => echo.EchoAsync(r).ResponseAsync);
        }

        // Warm every path and both processes until tiered compilation has settled.
        for (var round = 1; round <= WarmUpRounds; round++)
        {
            Console.WriteLine($"warm-up {round}");
            await EchoAsync(EchoCallsPerRound / 4);
            await ProvisionsAsync(OneAsync, CallsPerRound / 2);
            await ProvisionsAsync(OneAsync, CallsPerRound / 2, Concurrency / 2);
            await ProvisionsAsync(TwoAsync, CallsPerRound / 2);
        }
        RequireProvided();

        var rows = new List<Row>();
        var measuredFrom = DateTimeOffset.UtcNow;
        for (var round = 1; round <= Rounds; round++)
        {
            Console.WriteLine($"round {round}");
            LoadRun.Result? echoResult = null;
            Run? one = null, half = null, two = null;
            // Each round starts one path further on (echo, one node, one node with half the calls in flight, two nodes), so
            // that none always inherits another's leftovers.
            for (var step = 0; step < 4; step++)
            {
                switch ((round - 1 + step) % 4)
                {
                    case 0: echoResult = await EchoAsync(EchoCallsPerRound); break;
                    case 1: one = await ProvisionsAsync(OneAsync, CallsPerRound); break;
                    case 2: half = await ProvisionsAsync(OneAsync, CallsPerRound, Concurrency / 2); break;
                    default: two = await ProvisionsAsync(TwoAsync, CallsPerRound); break;
                }
            }
            rows.Add(new Row(round, echoResult!, one!, half!, two!));
        }
        var measuredTo = DateTimeOffset.UtcNow;
        RequireProvided();

        await using var connection = platform.ConnectToMeasured();
        var facts = new TwoNodesReport.Facts(
            await CountAsync(connection, """SELECT "Node", count(*) FROM "ProvisionRecords" GROUP BY "Node" ORDER BY "Node" """, null, ct),
            await CountAsync(connection, Sealed + " GROUP BY 1 ORDER BY 1", (measuredFrom, measuredTo), ct),
            await CountAsync(connection, Sealed + """ AND "WitnessedAtMs" IS NOT NULL GROUP BY 1 ORDER BY 1""", (measuredFrom, measuredTo), ct),
            answered - unexpected.Values.Sum() + 1,
            unexpected.ToDictionary(u => u.Key, u => u.Value),
            nodes.Select(n => (n.Name, n.Problems)).ToList(),
            nodes.Select(n => n.WorkingSet).ToArray());
        return TwoNodesReport.Write(rows, facts, loadBefore, BenchMachine.LoadAverage(), await BenchPostgres.VersionAsync(ct));
    }

    /// <summary>Checkpoints of the record chains sealed during the measured rounds, by chain (one chain per node).</summary>
    private const string Sealed = """
        SELECT "ChainId", count(*) FROM "Checkpoints"
        WHERE "ChainId" LIKE '%/provision-records' AND "SealedAtMs" BETWEEN @from AND @to
        """;

    /// <summary>Rows per key of a two-column count query through the institution's own role.</summary>
    private static async Task<IReadOnlyList<(string Key, long Count)>> CountAsync(NpgsqlConnection connection, string sql,
        (DateTimeOffset From, DateTimeOffset To)? between, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (between is { } b)
        {
            command.Parameters.AddWithValue("from", b.From.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("to", b.To.ToUnixTimeMilliseconds());
        }
        var counts = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) counts.Add((reader.GetString(0), reader.GetInt64(1)));
        return counts;
    }
}
