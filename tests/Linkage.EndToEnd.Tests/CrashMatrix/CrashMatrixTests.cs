using System.Diagnostics;
using Linkage.Contracts.V1;
using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Domain.Staff;
using Linkage.Network.Sim;
using Linkage.Storage.Database;
using Linkage.Storage.Staff;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Linkage.Testing.TestNetwork;
using MicrosoftOptions = Microsoft.Extensions.Options.Options;

namespace Linkage.EndToEnd.Tests.CrashMatrix;

/// <summary>
/// Issue #16's crash matrix. The gateway runs as its own process (the built Linkage.Gateway.dll) under a mixed load
/// (<see cref="MixedLoad"/>) and is killed with SIGKILL at moments drawn from a seed (<see cref="CrashPlan"/>): 3 times
/// in <c>make test</c>, 20 in <c>make soak</c>. After each restart that comes up: everything acknowledged is there and
/// nothing twice (<see cref="CrashChecks"/>), both chains and their checkpoints verify through the Records Verify RPC
/// against the heads the hub witnessed, and the outbox delivers every decided held answer (<see cref="CrashDeliveries"/>).
/// The test plays the hub (with the real hub's witnessing) and the back-office systems; on either storage provider.
/// </summary>
public sealed class CrashMatrixTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private readonly GatewayProcessHarness _gateway = new("crash-matrix");
    private readonly CrashPlan _plan = CrashPlan.FromEnvironment();
    private readonly Acknowledged _acknowledged = new();
    private IDbContextFactory<LinkageDbContext> _contexts = null!;
    private FakeHubLedger _hub = null!;
    private TestHost? _hubHost;

    public async Task InitializeAsync()
    {
        _contexts = _gateway.StorageContexts();
        var storage = TestStorage.Open(_gateway.Database, Hitachinaka);
        await using (var db = _contexts.CreateDbContext())
            await storage.MigrateAsync(db, CancellationToken.None);
        _hub = new FakeHubLedger(await _gateway.StorePermittedListAsync(_contexts));
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(
            _gateway.Pki.Issue("administrator", CrashCallers.Administrator).Certificate);
        await RegistryBootstrap.AddFirstAdministratorAsync(storage, InstitutionCode.Parse(Hitachinaka), "admin-1", "管理 担当",
            new PresentedCertificate(CertificateReferences.From(certificate), Hitachinaka, true), TimeProvider.System, CancellationToken.None);
        _hubHost = await FakeHubService.StartAsync(_gateway.Pki, _hub, Witnessing);
    }

    public async Task DisposeAsync()
    {
        if (_hubHost is not null) await _hubHost.DisposeAsync();
    }

    public void Dispose() => _gateway.Dispose();

    [Fact(Timeout = 1_800_000)]
    public async Task What_the_gateway_acknowledged_survives_every_kill_once_verifiable_and_delivered()
    {
        output.WriteLine(_plan.ToString());
        var clock = Stopwatch.StartNew();
        var checks = new CrashChecks(_contexts, _acknowledged);
        var deliveries = new CrashDeliveries(_hub, _acknowledged, checks);
        var run = 1;
        try
        {
            for (; run <= _plan.Kills; run++)
            {
                var moment = _plan.Moments[run - 1];
                output.WriteLine($"run {run}: kill {moment}");
                await RunAsync(run, checks, deliveries, moment);
            }
            var (items, checkpoints) = await RunAsync(run, checks, deliveries, kill: null);
            output.WriteLine($"crash matrix on {TestStorage.Provider}: {_plan.Kills} kills survived ({_plan.Moments.Count(m => m.WhileStarting)} " +
                $"while starting), seed {_plan.Seed}, {clock.Elapsed.TotalSeconds:0} s; after the last restart {items} acknowledged items checked: " +
                $"{_acknowledged.Provisions.Count} provisions, {_acknowledged.Decisions.Count} held answers decided and delivered " +
                $"({deliveries.Resends} sent again after a kill, answered already delivered), {_acknowledged.Copies.Count} copies in " +
                $"{_acknowledged.CopyBatches} batches, {_acknowledged.Symbols.Count} symbols in {_acknowledged.SymbolBatches} batches " +
                $"({_acknowledged.ResentBatches} batches resent after a kill); {checkpoints} checkpoints verified");
            Assert.True(checkpoints > 0, "No checkpoint was verified: the chains were never sealed.");
        }
        catch (Exception failure)
        {
            throw new InvalidOperationException($"{_plan}: failed in run {run}: {failure.Message}", failure);
        }
    }

    /// <summary>
    /// One run: starts the gateway; at a kill while starting, kills it at that moment. Otherwise, once it serves: the
    /// checks, then the load until the kill (none in the last run, which returns the checked items and checkpoints).
    /// </summary>
    private async Task<(int Items, int Checkpoints)> RunAsync(int run, CrashChecks checks, CrashDeliveries deliveries, KillMoment? kill)
    {
        _hub.Phase = 2 * run;
        await using var gateway = _gateway.Start(Settings());
        if (kill is { WhileStarting: true } early)
        {
            await Task.Delay(early.After);
            if (gateway.Process.HasExited) throw new InvalidOperationException($"The gateway exited by itself while starting:\n{gateway.Tail}");
            await gateway.KillAsync();
            return default;
        }

        using var hub = _gateway.HubChannel();
        await gateway.WaitUntilServingAsync(hub);
        using var callers = await CrashCallers.ConnectAsync(_gateway, register: run == 1);
        if (run == 1) await RegisterPeopleAsync(callers);

        var items = await checks.AssertDataAsync();
        var checkpoints = await CrashChains.AssertVerifiedAsync(callers.Records);
        await CrashReviewer.ResolveCutShortAsync(callers.Review, _acknowledged);
        await deliveries.AssertFinishesAsync(gateway, callers.Administration);
        if (kill is not { } moment) return (items, checkpoints);

        var load = new MixedLoad(_gateway, callers, _acknowledged, _plan, run);
        var workers = load.Start();
        await Task.WhenAny(Task.Delay(moment.After), Task.WhenAll(workers));
        if (workers.FirstOrDefault(w => w.IsFaulted) is { } faulted) await faulted;
        if (gateway.Process.HasExited) throw new InvalidOperationException($"The gateway exited by itself under the load:\n{gateway.Tail}");
        load.Killing();
        await gateway.KillAsync();
        await Task.WhenAll(workers);
        Assert.True(load.Unexpected.Count == 0, $"Calls failed before the kill:\n{string.Join("\n", load.Unexpected.Take(20))}\n{gateway.Tail}");
        return (items, checkpoints);
    }

    /// <summary>The people the provisions ask about, registered in the first run as the back office would (not under a kill).</summary>
    private async Task RegisterPeopleAsync(CrashCallers callers)
    {
        var copies = new CopyBatch("crash-people", [.. Enumerable.Range(0, CrashPeople.Answerable).Select(n => CrashPeople.CopyOf(n))]);
        using (var call = callers.HealthSystem.RegisterCopies())
        {
            foreach (var copy in copies.Copies) await call.RequestStream.WriteAsync(new RegisterCopiesRequest { BatchId = copies.BatchId, Copy = copy });
            await call.RequestStream.CompleteAsync();
            Assert.Equal(copies.Copies.Count, (await call).Stored);
        }
        _acknowledged.CopyBatchAcknowledged(copies, resent: false);

        var symbols = new SymbolBatch([.. Enumerable.Range(0, CrashPeople.Answerable + CrashPeople.WithoutCopy).Select(n => CrashPeople.SymbolRequest(n))]);
        using (var call = callers.AddressSystem.AcquireSymbols())
        {
            foreach (var row in symbols.Rows) await call.RequestStream.WriteAsync(row);
            await call.RequestStream.CompleteAsync();
            Assert.Equal(symbols.Rows.Count, (await call).Acquired);
        }
        _acknowledged.SymbolBatchAcknowledged(symbols, resent: false);
    }

    /// <summary>
    /// Where the gateway keeps its data (SQLite, or PostgreSQL under make test-pg); the test's hub; deliveries retried
    /// quickly and never parked within the test; chains sealed every few hundred entries or two seconds, so that kills
    /// fall around sealing and witnessing too.
    /// </summary>
    private Dictionary<string, string> Settings()
    {
        var settings = _gateway.StorageEnvironment();
        settings["Network__HubAddress"] = _hubHost!.Address;
        settings["Network__CallTimeout"] = "00:00:30";
        settings["Network__BreakDuration"] = "00:00:01";
        settings["Review__DeliveryAttempts"] = "100";
        settings["Review__DeliveryBaseDelay"] = "00:00:00.2";
        settings["Review__DeliveryMaxDelay"] = "00:00:01";
        settings["Review__DeliveryPollInterval"] = "00:00:00.2";
        settings["Checkpoints__Every"] = "300";
        settings["Checkpoints__Interval"] = "00:00:02";
        settings["Checkpoints__Poll"] = "00:00:00.2";
        return settings;
    }

    /// <summary>The real hub's witnessing, on a file of the test's folder, knowing the gateway's checkpoint key.</summary>
    private void Witnessing(IServiceCollection services)
    {
        var options = MicrosoftOptions.Create(new HubOptions
        {
            DatabasePath = Path.Combine(_gateway.Pki.Folder, "hub.db"),
            Institutions =
            [
                new InstitutionOptions
                {
                    Code = Hitachinaka,
                    Name = "ひたちなか市長",
                    CheckpointKey = Convert.ToBase64String(_gateway.CheckpointKey.PublicKey),
                    CheckpointKeyId = TestCheckpointKey.KeyId,
                },
            ],
        });
        services.AddSingleton(_ => new HubDatabase(options));
        services.AddSingleton(provider => new CheckpointWitnessing(provider.GetRequiredService<HubDatabase>(), options,
            new Ed25519SignatureSigner(_gateway.HubKey, HubKeyId), TimeProvider.System));
    }
}
