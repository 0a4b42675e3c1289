using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Review;
using Linkage.Domain.Staff;
using Linkage.Gateway.Options;
using Linkage.Municipality.Sim;
using Linkage.Network.Client;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;
using DomainOutcome = Linkage.Domain.Answers.ProvisionOutcome;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// Tsukuba, a member without a gateway (the municipality simulator), asks Hitachinaka about a flagged resident: the
/// answer is held, decided by a reviewer, kept in the hub's mailbox (across a restart of the hub) and collected by
/// Tsukuba alone, exactly once, opening with the key kept when it was held.
/// </summary>
public sealed class MunicipalityPickupTests : IAsyncLifetime
{
    private const int Resident = 31;
    private TestNetwork _network = null!;
    private string _state = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(hitachiServices: services =>
            services.Configure<ReviewOptions>(options => options.DeliveryPollInterval = TimeSpan.FromMilliseconds(200)));
        _state = Path.Combine(_network.Pki.Folder, "municipality");
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact(Timeout = 180_000)]
    public async Task An_approved_answer_is_collected_once_opens_to_the_records_and_a_resend_is_already_delivered()
    {
        var copy = await _network.ProvideableResidentAsync(Resident);
        using var tsukuba = Municipality(_state);
        var (inquiryId, permitId) = await HeldInquiryAsync(tsukuba);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_state, Tsukuba, permitId + ".json")));

        await new Review.ReviewClient(_network.Staff(_network.Hitachi, Roles.Reviewer)).ApproveAsync(new ApproveRequest { HeldId = permitId });
        await DeliveredToTheHubAsync();
        await _network.StopHubAsync(); // what the hub acknowledged survives it
        await _network.StartHubAsync();

        var picked = Assert.Single(await tsukuba.PickUpAsync(CancellationToken.None));
        Assert.Null(picked.Problem);
        Assert.Equal((permitId, inquiryId, Hitachinaka), (picked.PermitId, picked.Held!.InquiryId, picked.Held.Provider));
        Assert.Equal(DomainOutcome.Provided, picked.Answer!.Outcome);
        var record = Assert.Single(picked.Answer.Records);
        Assert.Equal((copy.RecordKey, copy.Version), (record.RecordKey, record.Version));
        Assert.Equal(copy.Items.Select(i => (i.ItemCode, i.Value)), record.Items.Select(i => (i.ItemCode, i.Value)));

        Assert.Empty(await tsukuba.PickUpAsync(CancellationToken.None));
        Assert.Equal(0, tsukuba.HeldKeys.CountWaiting(Tsukuba));

        // The provider's outbox sending it again (its acknowledgement lost): kept once, reported as delivered already.
        var receipt = await HitachiAtTheHub().RelayAnswerAsync(await OutboxRowAsync(permitId));
        Assert.Equal((inquiryId, true), (receipt.InquiryId, receipt.AlreadyDelivered));
        Assert.Empty(await tsukuba.PickUpAsync(CancellationToken.None));
        _network.AssertLogsClean(_network.Population.InternalAddressNumberOf(Resident, HitachinakaPrefix));
    }

    [Fact(Timeout = 180_000)]
    public async Task Another_institution_cannot_collect_or_acknowledge_it_and_a_state_without_its_key_leaves_it_waiting()
    {
        await _network.ProvideableResidentAsync(Resident);
        using var tsukuba = Municipality(_state);
        var (_, permitId) = await HeldInquiryAsync(tsukuba);
        await new Review.ReviewClient(_network.Staff(_network.Hitachi, Roles.Reviewer)).DeclineAsync(
            new DeclineRequest { HeldId = permitId, Reason = Contracts.V1.DeclineReason.SupportMeasure });
        await DeliveredToTheHubAsync();

        // Mito, another member, asks for its own answers, acknowledging Tsukuba's permit: it gets nothing, removes nothing.
        var mito = new ProvisionNetwork.ProvisionNetworkClient(
            _network.Channel(_network.Hub, "gateway-mito", new PeerIdentity(Mito, Roles.Gateway, "gateway")));
        var collected = await mito.CollectAnswersAsync(new CollectAnswersRequest { AcknowledgedPermitIds = { permitId } });
        Assert.Empty(collected.Answers);

        // Tsukuba with another state folder holds no key for it: reported, not acknowledged.
        using (var elsewhere = Municipality(Path.Combine(_network.Pki.Folder, "elsewhere")))
        {
            var unopened = Assert.Single(await elsewhere.PickUpAsync(CancellationToken.None));
            Assert.Equal((permitId, null), (unopened.PermitId, unopened.Answer));
            Assert.NotNull(unopened.Problem);
        }

        var picked = Assert.Single(await tsukuba.PickUpAsync(CancellationToken.None));
        Assert.Equal((DomainOutcome.NotProvided, "DECLINED_SUPPORT_MEASURE"), (picked.Answer!.Outcome, picked.Answer.Reason));
        Assert.Empty(picked.Answer.Records);
    }

    /// <summary>Tsukuba as the municipality simulator makes it: its certificate, the hub's key file beside it, its state folder.</summary>
    private SimulatedMunicipality Municipality(string state)
    {
        var certificate = Path.Combine(_network.Pki.Folder, "municipality-tsukuba");
        _network.Pki.Issue("municipality-tsukuba", new PeerIdentity(Tsukuba, Roles.Gateway, "municipality"));
        var hubKey = Path.Combine(_network.Pki.Folder, "hub-signing.pub");
        File.WriteAllText(hubKey, Convert.ToBase64String(_network.HubPublicKey));
        var registry = new Contracts.Registry.V1.ResidentRegistry.ResidentRegistryClient(_network.Channel(_network.Registry,
            "address-" + Tsukuba, new PeerIdentity(Tsukuba, Roles.AddressSystem, "address-system")));
        return SimulatedMunicipality.Connect(_network.Hub.Address, HubCode, certificate, (hubKey, HubKeyId), new HeldAnswerKeys(state),
            registry, _network.Population);
    }

    /// <summary>Flags the resident at Hitachinaka, then Tsukuba asks: held, and the answer's key kept in the state folder.</summary>
    private async Task<(string InquiryId, string PermitId)> HeldInquiryAsync(SimulatedMunicipality tsukuba)
    {
        await new Administration.AdministrationClient(_network.Staff(_network.Hitachi, Roles.Administrator)).SetHoldFlagAsync(new SetHoldFlagRequest
        {
            InternalAddressNumber = _network.Population.InternalAddressNumberOf(Resident, HitachinakaPrefix),
            Reason = Contracts.V1.HoldFlagReason.SupportMeasure,
        });
        var symbol = await tsukuba.SymbolOfAsync(Resident, CancellationToken.None);
        var answer = await tsukuba.InquireAsync(symbol, Affair, Procedure, Osteoporosis, Hitachinaka, CancellationToken.None);
        Assert.Equal(DomainOutcome.Held, answer.Outcome);
        Assert.Equal(1, tsukuba.HeldKeys.CountWaiting(Tsukuba));
        var held = tsukuba.HeldKeys.Find(Tsukuba, answer.PermitId)!;
        return (held.InquiryId, answer.PermitId);
    }

    /// <summary>The provider's outbox is empty once the hub has acknowledged the decided answer.</summary>
    private async Task DeliveredToTheHubAsync()
    {
        var outbox = _network.Hitachi.Services.GetRequiredService<IAnswerOutbox>();
        var giveUp = DateTime.UtcNow.AddSeconds(90);
        while (await outbox.CountPendingAsync(CancellationToken.None) > 0)
        {
            if (DateTime.UtcNow > giveUp) throw new TimeoutException("The decided answer did not reach the hub in time.");
            await Task.Delay(100);
        }
    }

    private ProvisionNetwork.ProvisionNetworkClient HitachiAtTheHub() => new(
        _network.Channel(_network.Hub, "gateway-hitachinaka", new PeerIdentity(Hitachinaka, Roles.Gateway, "gateway")));

    /// <summary>The decided answer as Hitachinaka's outbox holds it, in the form it goes to the hub.</summary>
    private async Task<DeliveredAnswer> OutboxRowAsync(string permitId)
    {
        await using var db = await _network.Hitachi.Services
            .GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Storage.Database.LinkageDbContext>>().CreateDbContextAsync();
        var row = db.AnswerOutbox.Single(o => o.PermitId == permitId);
        return new DeliveredAnswer
        {
            Permit = new Domain.Permits.SignedPermitData(row.Permit, row.Signature, row.KeyId).ToWire(),
            Answer = new ProvisionAnswer
            {
                InquiryId = row.InquiryId, PermitId = row.PermitId, Outcome = ((DomainOutcome)row.Outcome).ToWire(), NotProvidedReason = row.Reason,
                Payload = row.Ciphertext is null ? null : new Domain.Answers.SealedAnswer(row.SenderPublicKey!, row.Nonce!, row.Ciphertext).ToWire(),
            },
        };
    }
}
