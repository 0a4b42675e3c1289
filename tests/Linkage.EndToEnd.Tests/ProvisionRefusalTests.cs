using Linkage.Domain.Staff;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Answers;
using Linkage.Testing;
using Linkage.Transport;
using static Linkage.Testing.TestNetwork;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// The provider's checks of incoming inquiries, with the test playing the hub: every bad permit is refused with its
/// reason and recorded; nothing else changes (a refused permit does not use up its id).
/// </summary>
public sealed class ProvisionRefusalTests : IAsyncLifetime
{
    private const int Resident = 5;
    private TestNetwork _network = null!;
    private PermitForge _forge = null!;
    private Contracts.V1.Provision.ProvisionClient _provision = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync();
        _forge = new PermitForge(_network);
        await _network.ProvideableResidentAsync(Resident);
        _provision = HubClient();
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private Contracts.V1.Provision.ProvisionClient HubClient() =>
        new(_network.Channel(_network.Hitachi, "hub-as-client", new PeerIdentity(HubCode, Roles.Network, "provision-network")));

    private Task<ProvisionAnswer> ProvideAsync(Permit permit, SignedPermit? signed = null) =>
        _provision.ProvideAsync(PermitForge.Inquiry(permit, signed ?? _forge.Sign(permit))).ResponseAsync;

    private async Task AssertRefusedAsync(Func<Task> call, StatusCode code, string reason)
    {
        var before = (await _network.RecordsAsync(_network.Hitachi)).Count;
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, error.StatusCode);
        Assert.Equal(reason, error.Reason());
        var records = await _network.RecordsAsync(_network.Hitachi);
        Assert.Equal(before + 1, records.Count);
        Assert.Equal(reason, records[^1].Reason);
        Assert.Equal(Contracts.Network.V1.ProvisionOutcome.NotProvided, records[^1].Outcome);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_valid_permit_is_answered_with_an_answer_only_the_inquirer_can_open()
    {
        var permit = _forge.Permit(Resident);
        var answer = await ProvideAsync(permit);
        Assert.Equal(ProvisionOutcome.Provided, answer.Outcome);
        var plaintext = AnswerEnvelope.Open(_forge.InquirerKeys.PrivateKey,
            new SealedAnswer(answer.Payload.EphemeralPublicKey.ToByteArray(), answer.Payload.Nonce.ToByteArray(), answer.Payload.Ciphertext.ToByteArray()),
            AnswerEnvelope.AssociatedData(permit.PermitId, permit.InquiryId));
        Assert.Equal("158.2", Answer.Parser.ParseFrom(plaintext).Records.Single().Items.First().Value);
        // Bound to its permit and inquiry: the same bytes under another inquiry id do not open.
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => AnswerEnvelope.Open(_forge.InquirerKeys.PrivateKey,
            new SealedAnswer(answer.Payload.EphemeralPublicKey.ToByteArray(), answer.Payload.Nonce.ToByteArray(), answer.Payload.Ciphertext.ToByteArray()),
            AnswerEnvelope.AssociatedData(permit.PermitId, "another-inquiry")));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_forged_signature_is_refused()
    {
        var permit = _forge.Permit(Resident);
        var signed = _forge.Sign(permit);
        var signature = signed.Signature.ToByteArray();
        signature[10] ^= 0x40;
        signed.Signature = ByteString.CopyFrom(signature);
        await AssertRefusedAsync(() => ProvideAsync(permit, signed), StatusCode.Unauthenticated, "PERMIT_SIGNATURE_INVALID");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_permit_signed_by_another_key_is_refused()
    {
        var permit = _forge.Permit(Resident);
        var (otherKey, _) = Ed25519Keys.Generate();
        await AssertRefusedAsync(() => ProvideAsync(permit, _forge.Sign(permit, otherKey)), StatusCode.Unauthenticated, "PERMIT_SIGNATURE_INVALID");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_altered_permit_is_refused()
    {
        var permit = _forge.Permit(Resident);
        var signed = _forge.Sign(permit);
        permit.InformationNameCode = Cancer;
        signed.Permit = permit.ToByteString();
        await AssertRefusedAsync(() => ProvideAsync(permit, signed), StatusCode.Unauthenticated, "PERMIT_SIGNATURE_INVALID");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_expired_permit_is_refused()
    {
        var permit = _forge.Permit(Resident);
        permit.IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-10));
        permit.ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-5));
        await AssertRefusedAsync(() => ProvideAsync(permit), StatusCode.FailedPrecondition, "PERMIT_EXPIRED");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_permit_not_yet_valid_is_refused()
    {
        var permit = _forge.Permit(Resident);
        permit.IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(10));
        permit.ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(12));
        await AssertRefusedAsync(() => ProvideAsync(permit), StatusCode.FailedPrecondition, "PERMIT_NOT_YET_VALID");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_permit_for_another_provider_is_refused()
    {
        var permit = _forge.Permit(Resident);
        permit.ProviderInstitutionCode = Mito;
        await AssertRefusedAsync(() => ProvideAsync(permit), StatusCode.PermissionDenied, "PERMIT_WRONG_AUDIENCE");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_inquiry_that_differs_from_its_permit_is_refused_without_using_up_the_permit()
    {
        var permit = _forge.Permit(Resident);
        var signed = _forge.Sign(permit);
        var inquiry = PermitForge.Inquiry(permit, signed);
        inquiry.InformationNameCode = Hepatitis;
        await AssertRefusedAsync(() => _provision.ProvideAsync(inquiry).ResponseAsync, StatusCode.PermissionDenied, "PERMIT_MISMATCH");

        inquiry = PermitForge.Inquiry(permit, signed);
        inquiry.ProcedureCode = "JT00000000099999";
        await AssertRefusedAsync(() => _provision.ProvideAsync(inquiry).ResponseAsync, StatusCode.PermissionDenied, "PERMIT_MISMATCH");

        Assert.Equal(ProvisionOutcome.Provided, (await ProvideAsync(permit, signed)).Outcome);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_information_name_not_on_the_list_is_refused()
    {
        var permit = _forge.Permit(Resident, Periodontal);
        await AssertRefusedAsync(() => ProvideAsync(permit), StatusCode.PermissionDenied, "INQUIRY_NOT_PERMITTED");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_permit_of_a_withdrawn_list_version_is_refused()
    {
        var permit = _forge.Permit(Resident);
        permit.ListVersion = WithdrawnListVersion;
        await AssertRefusedAsync(() => ProvideAsync(permit), StatusCode.FailedPrecondition, "PERMIT_LIST_WITHDRAWN");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_replayed_permit_is_refused()
    {
        var permit = _forge.Permit(Resident);
        var signed = _forge.Sign(permit);
        Assert.Equal(ProvisionOutcome.Provided, (await ProvideAsync(permit, signed)).Outcome);
        await AssertRefusedAsync(() => ProvideAsync(permit, signed), StatusCode.AlreadyExists, "PERMIT_REPLAYED");
    }

    [Fact(Timeout = 120_000)]
    public async Task Of_100_concurrent_copies_of_one_permit_exactly_one_is_answered()
    {
        var permit = _forge.Permit(Resident);
        var signed = _forge.Sign(permit);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            try { return (await ProvideAsync(permit, signed)).Outcome.ToString(); }
            catch (RpcException error) { return error.Reason() ?? error.StatusCode.ToString(); }
        }));
        Assert.Equal(1, outcomes.Count(o => o == nameof(ProvisionOutcome.Provided)));
        Assert.Equal(99, outcomes.Count(o => o == "PERMIT_REPLAYED"));
        Assert.Equal(100, (await _network.RecordsAsync(_network.Hitachi)).Count(r => r.PermitId == permit.PermitId));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_used_permit_is_still_refused_after_a_restart()
    {
        var permit = _forge.Permit(Resident);
        var signed = _forge.Sign(permit);
        Assert.Equal(ProvisionOutcome.Provided, (await ProvideAsync(permit, signed)).Outcome);

        await _network.RestartHitachiAsync();
        _provision = HubClient();

        await AssertRefusedAsync(() => ProvideAsync(permit, signed), StatusCode.AlreadyExists, "PERMIT_REPLAYED");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_symbol_gets_not_provided()
    {
        var permit = _forge.Permit(Resident);
        permit.ProviderSymbol = _forge.ProviderSymbol(Resident + 1);
        var answer = await ProvideAsync(permit);
        Assert.Equal(ProvisionOutcome.NotProvided, answer.Outcome);
        Assert.Equal("SYMBOL_UNKNOWN", answer.NotProvidedReason);
        Assert.Null(answer.Payload);
        Assert.Equal("SYMBOL_UNKNOWN", (await _network.RecordsAsync(_network.Hitachi))[^1].Reason);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_signed_but_malformed_permit_is_refused()
    {
        var permit = _forge.Permit(Resident);
        await AssertRefusedAsync(() => ProvideAsync(permit, _forge.Sign([0x0A, 0xFF, 0x01, 0x02])), StatusCode.InvalidArgument, "PERMIT_MALFORMED");

        var withoutKey = _forge.Permit(Resident);
        withoutKey.InquirerPublicKey = ByteString.Empty;
        await AssertRefusedAsync(() => ProvideAsync(withoutKey), StatusCode.InvalidArgument, "PERMIT_MALFORMED");

        await AssertRefusedAsync(() => _provision.ProvideAsync(new RelayedInquiry()).ResponseAsync, StatusCode.InvalidArgument, "PERMIT_MALFORMED");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unusable_answer_key_is_refused_as_malformed_and_recorded()
    {
        var permit = _forge.Permit(Resident);
        permit.InquirerPublicKey = ByteString.CopyFrom(new byte[32]); // the X25519 point of order 1
        await AssertRefusedAsync(() => ProvideAsync(permit), StatusCode.InvalidArgument, "PERMIT_MALFORMED");
        Assert.Empty(_network.Hitachi.Logs.Errors);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_oversized_message_is_refused_before_it_is_read()
    {
        var permit = _forge.Permit(Resident);
        permit.LegalBasis = new string('x', 5 * 1024 * 1024);
        var error = await Assert.ThrowsAsync<RpcException>(() => ProvideAsync(permit));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }
}
