using Grpc.Core;
using Grpc.Health.V1;
using Linkage.Contracts.V1;
using Linkage.Crypto;
using Linkage.Domain.Answers;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Linkage.Transport;
using Serilog.Events;
using static Linkage.Testing.TestNetwork;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// Hitachinaka's gateway restarted without the key-encryption key that Hitachinaka gave it: the hub's provisions and
/// Mito's inquiries through the hub are refused with INSTITUTION_KEY_UNAVAILABLE and recorded at both ends as failures,
/// while the gateway stays SERVING and its records verify; given the key again, it answers from the same copy.
/// </summary>
public sealed class ProviderWithoutInstitutionKeyTests : IAsyncLifetime
{
    private const int Resident = 5;
    private TestNetwork _network = null!;
    private PermitForge _forge = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync();
        _forge = new PermitForge(_network);
        await _network.ProvideableResidentAsync(Resident);
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact(Timeout = 180_000)]
    public async Task Provisions_are_refused_with_the_reason_and_recorded_records_still_verify_and_the_key_brings_answers_back()
    {
        await _network.RestartHitachiAsync(withKeyEncryptionKey: false);

        var warning = Assert.Single(_network.Hitachi.Logs.Events,
            e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("no key-encryption key"));
        Assert.Contains(Hitachinaka, warning.RenderMessage());

        // The hub relays a valid permit: refused after the permit was checked, and recorded for the person.
        var permit = _forge.Permit(Resident);
        var refused = await Assert.ThrowsAsync<RpcException>(() => ProvideAsync(permit));
        AssertKeyUnavailable(refused);
        var provided = await _network.RecordsAsync(_network.Hitachi);
        Assert.Equal((ProvisionOutcome.NotProvided, ErrorReasons.InstitutionKeyUnavailable, permit.PermitId),
            (provided[^1].Outcome, provided[^1].Reason, provided[^1].PermitId));

        // Mito asks through the real hub: the provider's reason reaches its back office, and Mito records the failure.
        var mitoPerson = _network.Population.InternalAddressNumberOf(Resident, MitoPrefix);
        await _network.AcquireSymbolAsync(_network.MitoGateway, Mito, mitoPerson, Resident);
        var inquiry = new Inquiry.InquiryClient(_network.HealthSystem(_network.MitoGateway, Mito));
        AssertKeyUnavailable(await Assert.ThrowsAsync<RpcException>(() => inquiry.InquireAsync(Request(mitoPerson)).ResponseAsync));
        var asked = await _network.RecordsAsync(_network.MitoGateway);
        Assert.Equal((ProvisionOutcome.NotProvided, ErrorReasons.InstitutionKeyUnavailable),
            (asked[^1].Outcome, asked[^1].Reason));

        // What needs no key is still served: health, the records and their verification.
        var health = new Health.HealthClient(_network.Channel(_network.Hitachi, "probe", new PeerIdentity(HubCode, Roles.Network, "probe")));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        var records = new Records.RecordsClient(_network.Staff(_network.Hitachi, Roles.Auditor));
        Assert.True((await records.VerifyAsync(new VerifyRequest())).Intact);

        // Given its key again, the gateway answers from the copy it kept sealed all along.
        await _network.RestartHitachiAsync();
        var again = _forge.Permit(Resident);
        var answer = await ProvideAsync(again);
        Assert.Equal(ProvisionOutcome.Provided, answer.Outcome);
        var plaintext = AnswerEnvelope.Open(_forge.InquirerKeys.PrivateKey,
            new SealedAnswer(answer.Payload.EphemeralPublicKey.ToByteArray(), answer.Payload.Nonce.ToByteArray(), answer.Payload.Ciphertext.ToByteArray()),
            AnswerEnvelope.AssociatedData(again.PermitId, again.InquiryId));
        Assert.Equal("158.2", Contracts.Network.V1.Answer.Parser.ParseFrom(plaintext).Records.Single().Items.First().Value);
        _network.AssertLogsClean();
    }

    private Task<Contracts.Network.V1.ProvisionAnswer> ProvideAsync(Contracts.Network.V1.Permit permit) =>
        new Provision.ProvisionClient(_network.Channel(_network.Hitachi, "hub-as-client", new PeerIdentity(HubCode, Roles.Network, "provision-network")))
            .ProvideAsync(PermitForge.Inquiry(permit, _forge.Sign(permit))).ResponseAsync;

    private static InquireRequest Request(string person) => new()
    {
        AffairCode = Affair,
        ProcedureCode = Procedure,
        InformationNameCode = Osteoporosis,
        InternalAddressNumber = person,
        ProviderInstitutionCode = Hitachinaka,
    };

    private static void AssertKeyUnavailable(RpcException error)
    {
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(ErrorReasons.InstitutionKeyUnavailable, error.Reason());
        Assert.Contains(Hitachinaka, error.Status.Detail);
    }
}
