using System.Globalization;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Review;
using Linkage.Domain.Staff;
using Linkage.Gateway.Options;
using Linkage.Storage.Database;
using Linkage.Storage.PostgreSql;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;
using static Linkage.Testing.TestNetwork;
using DeliveryState = Linkage.Domain.Review.DeliveryState;
using HeldState = Linkage.Domain.Review.HeldState;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// Issue #16: Hitachinaka's two gateway nodes on a PostgreSQL primary with a synchronous standby, named together in one
/// multi-host connection string. Under load (provisions on both nodes, copies, held answers approved into the outbox
/// while the hub is down) the primary's postmaster is killed (SIGKILL) and the standby promoted. The nodes carry on
/// against it without a restart; nothing they acknowledged is missing (records, copies, held answers and their
/// decisions, outbox items, which are then delivered once each), and every chain verifies. The time to the first
/// acknowledged write after the kill, and the calls that failed meanwhile, are measured and written out.
/// </summary>
[Trait("Storage", PostgresFactAttribute.Trait)]
public sealed class StandbyTakeoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int ProvidedResident = 4;
    private const int FirstCopyResident = 1000;
    private const int ProvisionWorkers = 6;
    private const int CopyWorkers = 2;
    private const string Provision = "provision", Copy = "copy";
    private static readonly int[] HeldResidents = [11, 12, 13];

    private readonly TakeoverLoad _load = new();
    private PostgresStandbyPair? _pair;
    private TestNetwork? _network;
    private TestHost[] _nodes = [];
    private string _connection = "";

    private sealed class HoldThese(HashSet<string> persons) : IHoldPolicy
    {
        public Task<string?> HoldReasonAsync(InternalAddressNumber person, InformationNameCode informationName, CancellationToken ct) =>
            Task.FromResult(persons.Contains(person.Value) ? "SUPPORT_MEASURE" : null);
    }

    public async Task InitializeAsync()
    {
        if (new PostgresServerFactAttribute().Skip is not null) return;
        _pair = PostgresStandbyPair.Start();
        try
        {
            await StartNetworkAsync();
        }
        catch
        {
            // xUnit does not dispose what failed to initialize: the two clusters must not outlive the test.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartNetworkAsync()
    {
        _connection = await InstitutionOnPairAsync(_pair!);
        var population = new Sim.Population.SyntheticPopulation(200);
        var held = HeldResidents.Select(r => population.InternalAddressNumberOf(r, HitachinakaPrefix)).ToHashSet();
        _network = await TestNetwork.StartAsync(storage: StorageProvider.Sqlite, hitachiServices: services =>
        {
            services.AddSingleton<IHoldPolicy>(new HoldThese(held));
            services.Configure<ReviewOptions>(options =>
            {
                options.DeliveryAttempts = 100;
                options.DeliveryBaseDelay = TimeSpan.FromMilliseconds(100);
                options.DeliveryMaxDelay = TimeSpan.FromSeconds(1);
                options.DeliveryPollInterval = TimeSpan.FromMilliseconds(200);
            });
        }, hitachiSettings: new Dictionary<string, string?>
        {
            ["Storage:Provider"] = nameof(StorageProvider.PostgreSql),
            ["Storage:ConnectionString"] = _connection,
            ["Gateway:SharedStateRefresh"] = "00:00:00.5",
        });
        _nodes = [_network.Hitachi, await _network.StartSecondHitachiNodeAsync()];
    }

    public async Task DisposeAsync()
    {
        if (_network is not null) await _network.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        _pair?.Dispose();
    }

    /// <summary>Hitachinaka's role and schema made through the pair's multi-host superuser connection, as `linkage platform add-institution` makes them.</summary>
    private static async Task<string> InstitutionOnPairAsync(PostgresStandbyPair pair)
    {
        await using (var admin = new NpgsqlConnection(pair.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE linkage_takeover", admin);
            await create.ExecuteNonQueryAsync();
        }
        var inDatabase = new NpgsqlConnectionStringBuilder(pair.AdminConnectionString) { Database = "linkage_takeover" }.ConnectionString;
        var connection = await InstitutionSchemas.ProvisionAsync(inDatabase, InstitutionCode.Parse(Hitachinaka),
            "takeover-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        var institution = new NpgsqlConnectionStringBuilder(connection);
        // The institution's connection names both servers and asks for the primary, as the administrator's did.
        Assert.Equal(($"127.0.0.1:{pair.PrimaryPort},127.0.0.1:{pair.StandbyPort}", "primary"), (institution.Host, institution.TargetSessionAttributes));
        return connection;
    }

    [PostgresServerFact(Timeout = 300_000)]
    public async Task The_standby_promoted_after_the_primary_is_killed_under_load_carries_on_and_nothing_acknowledged_is_lost()
    {
        var network = _network!;
        await network.ProvideableResidentAsync(ProvidedResident);
        var inquiries = new List<string>();
        foreach (var resident in HeldResidents) inquiries.Add(await HeldInquiryAsync(resident));
        var review = _nodes.Select(node => new Review.ReviewClient(network.Staff(node, Roles.Reviewer))).ToArray();
        var heldIds = (await review[0].ListHeldAsync(new ListHeldRequest())).Held.Select(h => h.HeldId).ToList();
        Assert.Equal(HeldResidents.Length, heldIds.Count);

        // Two decisions before the kill, while the hub is down: acknowledged, their answers waiting in the outbox.
        var forge = new PermitForge(network);
        forge.ProviderSymbol(ProvidedResident);
        await network.StopHubAsync();
        await review[0].ApproveAsync(new ApproveRequest { HeldId = heldIds[0] });
        await review[1].ApproveAsync(new ApproveRequest { HeldId = heldIds[1] });

        using var stop = new CancellationTokenSource();
        var load = StartLoad(forge, stop.Token);
        await UntilAsync(() => _nodes.Select((_, n) => _load.AcknowledgedSince(Provision, n, TimeSpan.Zero)).Min() >= 100
            && _load.Acknowledged(Copy).Count() >= 20, load);

        var killed = _load.Now;
        await Task.Run(_pair!.KillPrimary);
        var primaryGone = _load.Now;
        await Task.Run(_pair.PromoteStandby);
        var promoted = _load.Now;

        // Both nodes take writes again, and go on doing so.
        await UntilAsync(() => Enumerable.Range(0, _nodes.Length).All(n =>
            _load.AcknowledgedSince(Provision, n, promoted) >= 100 && _load.AcknowledgedSince(Copy, n, promoted) >= 10), load);
        await review[1].ApproveAsync(new ApproveRequest { HeldId = heldIds[2] });
        await network.StartHubAsync();
        var mito = new Inquiry.InquiryClient(network.HealthSystem(network.MitoGateway, Mito));
        await UntilAsync(async () => (await mito.ListPendingResultsAsync(new ListPendingResultsRequest())).Results.Count == inquiries.Count, load);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Report(killed, primaryGone, promoted);
        // Nothing failed before the kill, and once writes were taken again, nothing failed a few seconds later.
        Assert.DoesNotContain(_load.Calls, c => !c.Acknowledged && c.Ended < killed);
        var recovered = _load.FirstAcknowledgedAfter(Provision, primaryGone) ?? throw new InvalidOperationException("No provision after the kill.");
        Assert.DoesNotContain(_load.Calls, c => !c.Acknowledged && c.Started > recovered + TimeSpan.FromSeconds(5));

        await using var db = Contexts().CreateDbContext();
        // Every answer a node gave has its record, on that node's chain.
        var acknowledged = _load.Acknowledged(Provision).ToList();
        var permits = acknowledged.Select(c => c.Key).ToList();
        var recorded = (await db.ProvisionRecords.AsNoTracking().Where(r => permits.Contains(r.PermitId))
            .Select(r => new { r.PermitId, r.Node }).ToListAsync()).ToLookup(r => r.PermitId, r => r.Node);
        Assert.All(acknowledged, call => Assert.Equal(NodeName(call.Node), Assert.Single(recorded[call.Key])));
        // Every copy a node accepted is there.
        var copies = _load.Acknowledged(Copy).Select(c => c.Key).ToList();
        var stored = await db.Copies.AsNoTracking().Where(c => copies.Contains(c.RecordKey)).Select(c => c.RecordKey).ToListAsync();
        Assert.Equal(copies.Order(), stored.Order());
        // Every held answer is approved, each decision recorded once, and each answer delivered once from the outbox.
        var heldRows = await db.HeldResponses.AsNoTracking().Where(h => heldIds.Contains(h.PermitId)).ToListAsync();
        Assert.Equal(heldIds.Count, heldRows.Count(h => (HeldState)h.State == HeldState.Approved));
        Assert.Equal(heldIds.Count, await db.HeldDecisions.AsNoTracking().CountAsync(d => heldIds.Contains(d.PermitId)));
        var outbox = await db.AnswerOutbox.AsNoTracking().Where(o => heldIds.Contains(o.PermitId)).ToListAsync();
        Assert.Equal(heldIds.Count, outbox.Count(o => (DeliveryState)o.State == DeliveryState.Delivered));
        var mitoRecords = await network.RecordsAsync(network.MitoGateway);
        Assert.All(inquiries, id => Assert.Single(mitoRecords, r => r.InquiryId == id && r.Outcome == ProvisionOutcome.Provided));

        // Every chain of both nodes verifies, from either node.
        foreach (var node in _nodes)
            foreach (var chain in new[] { Chain.ProvisionRecords, Chain.OperationLog })
            {
                var verified = await new Records.RecordsClient(network.Staff(node, Roles.Auditor)).VerifyAsync(new VerifyRequest { Chain = chain });
                Assert.True(verified.Intact, string.Join("; ", verified.Chains.Select(c => $"{c.ChainId}: {c.Description}")));
                Assert.Equal([FirstNode, SecondNode], verified.Chains.Select(c => c.Node).Order());
            }
    }

    private static string NodeName(int node) => node == 0 ? FirstNode : SecondNode;

    /// <summary>Provisions spread over both nodes, and copies registered at both, until <paramref name="stop"/>.</summary>
    private Task[] StartLoad(PermitForge forge, CancellationToken stop)
    {
        var network = _network!;
        var hub = _nodes.Select(node => new Contracts.V1.Provision.ProvisionClient(
            network.Channel(node, "hub-as-client", new PeerIdentity(HubCode, Roles.Network, "provision-network")))).ToArray();
        var health = _nodes.Select(node => new CopyRegistration.CopyRegistrationClient(network.HealthSystem(node, Hitachinaka))).ToArray();
        var nextCopy = 0;
        var provisions = Enumerable.Range(0, ProvisionWorkers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var node = (worker + i) % _nodes.Length;
                var permit = forge.Permit(ProvidedResident);
                await _load.RunAsync(Provision, node, permit.PermitId, async () =>
                {
                    var answer = await hub[node].ProvideAsync(PermitForge.Inquiry(permit, forge.Sign(permit)), deadline: DateTime.UtcNow.AddSeconds(20));
                    Assert.Equal(ProvisionOutcome.Provided, answer.Outcome);
                }, stop);
            }
        }));
        var copies = Enumerable.Range(0, CopyWorkers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var node = (worker + i) % _nodes.Length;
                var n = Interlocked.Increment(ref nextCopy);
                var copy = NetworkScenarios.OsteoporosisCopy(network.Population.InternalAddressNumberOf(FirstCopyResident + n, HitachinakaPrefix));
                copy.RecordKey = $"takeover-{n}";
                await _load.RunAsync(Copy, node, copy.RecordKey, async () =>
                    await health[node].RegisterCopyAsync(new RegisterCopyRequest { Copy = copy }, deadline: DateTime.UtcNow.AddSeconds(20)), stop);
            }
        }));
        return [.. provisions, .. copies];
    }

    /// <summary>Mito asks about a resident whose answer Hitachinaka holds for review; returns the inquiry's id.</summary>
    private async Task<string> HeldInquiryAsync(int resident)
    {
        var network = _network!;
        await network.ProvideableResidentAsync(resident);
        var mitoPerson = network.Population.InternalAddressNumberOf(resident, MitoPrefix);
        await network.AcquireSymbolAsync(network.MitoGateway, Mito, mitoPerson, resident);
        var asked = await new Inquiry.InquiryClient(network.HealthSystem(network.MitoGateway, Mito)).InquireAsync(new InquireRequest
        {
            AffairCode = Affair, ProcedureCode = Procedure, InformationNameCode = Osteoporosis,
            InternalAddressNumber = mitoPerson, ProviderInstitutionCode = Hitachinaka,
        });
        Assert.Equal(ProvisionOutcome.Held, asked.Outcome);
        return asked.InquiryId;
    }

    /// <summary>Contexts on the institution's schema through its multi-host connection: whichever server is the primary now.</summary>
    private PooledDbContextFactory<LinkageDbContext> Contexts()
    {
        var options = new DbContextOptionsBuilder<LinkageDbContext>();
        new PostgresStorage(_connection).ConfigureContext(options);
        return new PooledDbContextFactory<LinkageDbContext>(options.Options);
    }

    /// <summary>
    /// The figures of this run, for RELIABILITY.md: times from the kill command, and what failed meanwhile. A write counts
    /// towards recovery only if its call started once the postmaster was gone: the old primary's backends live on for
    /// a moment after their postmaster, and a commit the standby confirmed then is no recovery.
    /// </summary>
    private void Report(TimeSpan killed, TimeSpan primaryGone, TimeSpan promoted)
    {
        string Since(TimeSpan? at) => at is { } t ? ((t - killed).TotalMilliseconds / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s" : "never";
        var firstWrite = new[] { _load.FirstAcknowledgedAfter(Provision, primaryGone), _load.FirstAcknowledgedAfter(Copy, primaryGone) }.Min();
        output.WriteLine($"standby takeover: postmaster gone {Since(primaryGone)} after the SIGKILL, standby promoted at {Since(promoted)}");
        output.WriteLine($"standby takeover: first acknowledged write {Since(firstWrite)} after the SIGKILL (time to recover)");
        output.WriteLine($"standby takeover: load of {ProvisionWorkers} provision and {CopyWorkers} copy callers on 2 nodes, each pausing {TakeoverLoad.PauseAfterFailure.TotalMilliseconds} ms after a failure");
        foreach (var kind in new[] { Provision, Copy })
            for (var node = 0; node < _nodes.Length; node++)
                output.WriteLine($"standby takeover: first {kind} acknowledged by {NodeName(node)} at {Since(_load.FirstAcknowledgedAfter(kind, primaryGone, node))}");
        foreach (var (kind, plural) in new[] { (Provision, "provisions (inquiries)"), (Copy, "copies") })
        {
            var failed = _load.Failed(kind);
            var reasons = string.Join(", ", failed.GroupBy(c => c.Failure).Select(g => $"{g.Count()} {g.Key}"));
            output.WriteLine($"standby takeover: {plural} acknowledged {_load.Acknowledged(kind).Count()}, failed {failed.Count}" +
                (failed.Count > 0 ? $" ({reasons}; the last ended {Since(failed.Max(c => c.Ended))})" : ""));
        }
        output.WriteLine($"standby takeover: held answers approved {HeldResidents.Length} (2 before the kill), delivered from the outbox after it");
    }

    /// <summary>Waits for <paramref name="condition"/>, failing at once if the load stopped with an error; the limit only guards against a hang.</summary>
    private static async Task UntilAsync(Func<bool> condition, Task[] load) => await UntilAsync(() => Task.FromResult(condition()), load);

    private static async Task UntilAsync(Func<Task<bool>> condition, Task[] load)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(3);
        while (!await condition())
        {
            if (load.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
            if (DateTime.UtcNow > giveUp) throw new TimeoutException("The load did not get this far within three minutes.");
            await Task.Delay(50);
        }
    }
}
