using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Linkage.Contracts.V1;
using Linkage.Crypto;
using Linkage.Domain.Chains;
using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Records;
using Linkage.Domain.Review.HoldFlags;
using Linkage.Domain.Staff;
using Linkage.Domain.Symbols;
using Linkage.Network.Client;
using Linkage.Storage;
using Linkage.Storage.Entities;
using Linkage.Storage.Records;
using Linkage.Storage.Staff;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;
using DeliveryState = Linkage.Domain.Review.DeliveryState;
using HoldFlagReason = Linkage.Domain.Review.HoldFlags.HoldFlagReason;
using OperationOutcome = Linkage.Domain.Staff.OperationOutcome;
using HeldState = Linkage.Domain.Review.HeldState;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// Issue #12: the gateway killed (SIGKILL) between the decision on a held answer and its delivery delivers it once
/// after a restart. The gateway runs as its own process on a database prepared beforehand (a copy, the symbol, a hold
/// flag on the person, a reviewer and the first administrator); the test plays the hub, both towards the gateway (the
/// inquiry) and as the server the gateway relays the decided answer to, which stalls or refuses until the kill.
/// </summary>
public sealed class HeldDeliveryCrashTests : IAsyncLifetime, IDisposable
{
    private static readonly InternalAddressNumber Person = InternalAddressNumber.Parse("082210000000017");
    private static readonly PeerIdentity Reviewer = new(Hitachinaka, Roles.Reviewer, "staff-reviewer");
    private static readonly PeerIdentity Administrator = new(Hitachinaka, Roles.Administrator, "staff-administrator");
    private static readonly ItemEntry[] Items = [new("9N001000000000001", "158.2"), new("9N006000000000001", "52.4")];

    private readonly GatewayProcessHarness _gateway = new("held-crash");
    private readonly X25519KeyPair _inquirer = X25519KeyPair.Generate();
    private readonly string _symbol = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private FakeHubLedger _hub = null!;
    private TestHost? _hubHost;

    public async Task InitializeAsync()
    {
        _hub = new FakeHubLedger(await _gateway.MigrateAsync());
        await PrepareAsync();
        _hubHost = await FakeHubService.StartAsync(_gateway.Pki, _hub);
    }

    public async Task DisposeAsync()
    {
        if (_hubHost is not null) await _hubHost.DisposeAsync();
    }

    /// <summary>After <see cref="DisposeAsync"/> (xUnit calls both): the folder goes once nothing uses it.</summary>
    public void Dispose() => _gateway.Dispose();

    [Theory(Timeout = 300_000)]
    [InlineData(RelayBehaviour.Stall)]
    [InlineData(RelayBehaviour.Refuse)]
    public async Task An_approved_answer_whose_delivery_a_kill_cut_short_is_delivered_once_after_a_restart(RelayBehaviour hubUntilTheKill)
    {
        var permit = GatewayProcessHarness.Permit(_symbol, _inquirer.PublicKey);
        var signed = _gateway.Sign(permit);
        _hub.Behaviour = hubUntilTheKill;
        byte[] answerKey;
        await using (var gateway = _gateway.Start(Settings()))
        {
            using var hub = _gateway.HubChannel();
            await gateway.WaitUntilServingAsync(hub);
            var held = await new Contracts.V1.Provision.ProvisionClient(hub).ProvideAsync(PermitForge.Inquiry(permit, signed));
            Assert.Equal(ProvisionOutcome.Held, held.Outcome);
            // The inquirer's half of the held answer's key: with it the test opens what finally arrives.
            answerKey = AnswerEnvelope.AnswerKey(_inquirer.PrivateKey, held.HeldSenderPublicKey.ToByteArray(),
                AnswerEnvelope.AssociatedData(permit.PermitId, permit.InquiryId));

            using var reviewer = await _gateway.SessionAsync("reviewer", Reviewer);
            var review = new Review.ReviewClient(reviewer);
            Assert.Equal(permit.PermitId, Assert.Single((await review.ListHeldAsync(new ListHeldRequest())).Held).HeldId);
            var approved = await review.ApproveAsync(new ApproveRequest { HeldId = permit.PermitId });
            Assert.Equal(Contracts.V1.HeldState.Approved, approved.Summary.State);

            // The delivery has begun and cannot end: the hub holds the call open, or has refused and the outbox counts it.
            await gateway.WaitUntilAsync(async () => hubUntilTheKill == RelayBehaviour.Stall
                ? _hub.Stalled(permit.PermitId) > 0
                : (await OutboxAsync(permit.PermitId)).Attempts > 0);
            await gateway.KillAsync();
        }

        // What the kill left: the decision on disk, its answer in the outbox still to deliver, nothing acknowledged.
        Assert.Empty(_hub.Acknowledged(permit.PermitId));
        Assert.Equal(DeliveryState.Pending, (DeliveryState)(await OutboxAsync(permit.PermitId)).State);
        Assert.Equal(HeldState.Approved, (HeldState)(await HeldAsync(permit.PermitId)).State);
        var arrivedBeforeTheKill = _hub.Received(permit.PermitId);

        _hub.Behaviour = RelayBehaviour.Acknowledge;
        await using (var gateway = _gateway.Start(Settings()))
        {
            using var hub = _gateway.HubChannel();
            await gateway.WaitUntilServingAsync(hub);
            using var administrator = await _gateway.SessionAsync("administrator", Administrator);
            var administration = new Administration.AdministrationClient(administrator);
            await gateway.WaitUntilAsync(async () => (await administration.ListJobsAsync(new ListJobsRequest())).PendingDeliveries == 0);
            await DispatcherRoundsAsync(gateway, administration, rounds: 3);
            Assert.Empty((await administration.ListJobsAsync(new ListJobsRequest())).Parked);

            using var reviewer = await _gateway.SessionAsync("reviewer", Reviewer);
            // ListHeld, not GetHeld: GetHeld leaves the delivery unspecified whatever the outbox holds.
            var summary = Assert.Single((await new Review.ReviewClient(reviewer).ListHeldAsync(
                new ListHeldRequest { States = { Contracts.V1.HeldState.Approved } })).Held);
            Assert.Equal((Contracts.V1.HeldState.Approved, Contracts.V1.DeliveryState.Delivered), (summary.State, summary.Delivery));
            await gateway.KillAsync();
        }

        // Once: one call after the restart, acknowledged, carrying the permit as signed and the approved copy.
        var delivered = Assert.Single(_hub.Acknowledged(permit.PermitId));
        Assert.Equal(arrivedBeforeTheKill + 1, _hub.Received(permit.PermitId));
        Assert.Equal(signed.Permit, delivered.Permit.Permit);
        Assert.Equal(ProvisionOutcome.Provided, delivered.Answer.Outcome);
        var opened = new EnvelopeAnswerOpener().OpenWithAnswerKey(answerKey, permit.PermitId, permit.InquiryId,
            NetworkWire.FromWire(delivered.Answer.Payload)!);
        Assert.Equal(Items, Assert.Single(opened).Items);

        Assert.Equal(DeliveryState.Delivered, (DeliveryState)(await OutboxAsync(permit.PermitId)).State);
        await AssertRecordsAsync(permit.PermitId);
    }

    /// <summary>
    /// The hub is the test's. A stalled relay stays open until the kill however slow the machine; deliveries are
    /// retried quickly and never parked within the test, so that only the restart can bring the answer out. The
    /// outbox's own lines (permit ids and counts, no personal data) go into the output a failure shows.
    /// </summary>
    private Dictionary<string, string> Settings() => new()
    {
        ["Serilog__MinimumLevel__Default"] = "Information",
        ["Network__HubAddress"] = _hubHost!.Address,
        ["Network__CallTimeout"] = "00:02:00",
        ["Network__BreakDuration"] = "00:00:01",
        ["Review__DeliveryAttempts"] = "100",
        ["Review__DeliveryBaseDelay"] = "00:00:00.2",
        ["Review__DeliveryMaxDelay"] = "00:00:01",
        ["Review__DeliveryPollInterval"] = "00:00:00.2",
    };

    /// <summary>
    /// What the gateway loads on start, written before it first starts: the person's symbol and copy, a hold flag on
    /// the person, a reviewer with a bound certificate, and the first administrator as the operator bootstraps one.
    /// </summary>
    private async Task PrepareAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var ct = CancellationToken.None;
        var keys = await _gateway.OpenDataKeysAsync();
        await using (var storage = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(GatewayProcessHarness.Scope)
            .AddSingleton(keys)
            .AddLinkageStorage(_gateway.Database)
            .BuildServiceProvider())
        {
            await storage.GetRequiredService<ISymbolStore>().AddManyAsync([(Person, Symbol.Parse(_symbol))], now, ct);
            await storage.GetRequiredService<ICopyStore>().RegisterAsync(new ProvisionCopy(Person, InformationNameCode.Parse(Osteoporosis),
                "2025-57-1", 1, new DateOnly(2025, 6, 1), null, Items), ct);
            await storage.GetRequiredService<IHoldFlagStore>().InsertAsync(new HoldFlag("flag-1", Person, null,
                HoldFlagReason.SupportMeasure, "", now.AddMinutes(-1), null, "setup", now), ct);
            await storage.GetRequiredService<IRegistryStore>().AddStaffAsync(
                new StaffMember("reviewer-1", "審査 担当", InstitutionCode.Parse(Hitachinaka), new HashSet<string> { Roles.Reviewer },
                    new HashSet<string>(), now.AddMinutes(-1), null, null, ""),
                new CertificateBinding(Certificate("reviewer", Reviewer), CallerKind.Staff, "reviewer-1", now, null), ct);
        }
        SqliteConnection.ClearAllPools();
        await RegistryBootstrap.AddFirstAdministratorAsync(new Linkage.Storage.Database.SqliteStorage(_gateway.Database), InstitutionCode.Parse(Hitachinaka), "admin-1", "管理 担当",
            new PresentedCertificate(Certificate("administrator", Administrator), Hitachinaka, true), TimeProvider.System, ct);
    }

    private CertificateRef Certificate(string name, PeerIdentity peer)
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(_gateway.Pki.Issue(name, peer).Certificate);
        return CertificateReferences.From(certificate);
    }

    /// <summary>
    /// Waits for <paramref name="rounds"/> rounds of the outbox dispatcher, each reported after the one before: the
    /// first may have read the outbox before the delivery was marked, the later ones read it after, and one that still
    /// found the answer pending would have sent it to the hub again.
    /// </summary>
    private static async Task DispatcherRoundsAsync(GatewayProcess gateway, Administration.AdministrationClient administration, int rounds)
    {
        var after = DateTimeOffset.UtcNow;
        for (var round = 0; round < rounds; round++)
        {
            var last = after;
            await gateway.WaitUntilAsync(async () =>
            {
                var job = (await administration.ListJobsAsync(new ListJobsRequest())).Jobs.SingleOrDefault(j => j.Name == "answer-outbox");
                last = job?.LastRun?.ToDateTimeOffset() ?? DateTimeOffset.MinValue;
                return last > after;
            });
            after = last;
        }
    }

    /// <summary>The record of the held inquiry and the record of its approval, once each, and both chains intact.</summary>
    private async Task AssertRecordsAsync(string permitId)
    {
        var scope = GatewayProcessHarness.Scope;
        var records = new DbRecordReader(_gateway.Contexts, scope);
        var outcomes = new List<Domain.Answers.ProvisionOutcome>();
        await foreach (var link in records.ReadAllAsync("node-1", CancellationToken.None))
            if (link.Entry.PermitId == permitId) outcomes.Add(link.Entry.Outcome);
        Assert.Equal([Domain.Answers.ProvisionOutcome.Held, Domain.Answers.ProvisionOutcome.Provided], outcomes);

        var chain = await new HashChainVerifier<ProvisionRecordEntry>(RecordHasher.Sha256)
            .VerifyAsync(records.ReadAllAsync("node-1", CancellationToken.None), CancellationToken.None);
        Assert.True(chain.Intact, chain.Description);

        var operations = new DbOperationLogReader(_gateway.Contexts);
        var log = await new HashChainVerifier<OperationEntry>(OperationHasher.Sha256)
            .VerifyAsync(operations.ReadAllAsync("node-1", CancellationToken.None), CancellationToken.None);
        Assert.True(log.Intact, log.Description);
        var approvals = new List<OperationEntry>();
        await foreach (var link in operations.ReadAllAsync("node-1", CancellationToken.None))
            if (link.Entry.Rpc == "/linkage.v1.Review/Approve") approvals.Add(link.Entry);
        Assert.Equal(OperationOutcome.Done, Assert.Single(approvals).Outcome);
    }

    private async Task<AnswerOutboxRow> OutboxAsync(string permitId)
    {
        await using var db = _gateway.Contexts.CreateDbContext();
        return await db.AnswerOutbox.AsNoTracking().SingleAsync(o => o.PermitId == permitId);
    }

    private async Task<HeldResponseRow> HeldAsync(string permitId)
    {
        await using var db = _gateway.Contexts.CreateDbContext();
        return await db.HeldResponses.AsNoTracking().SingleAsync(h => h.PermitId == permitId);
    }

}
