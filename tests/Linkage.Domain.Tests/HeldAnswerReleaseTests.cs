using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Review;

namespace Linkage.Domain.Tests;

/// <summary>
/// Approving a held answer builds it from the copy as it is at approval time, seals it with the key fixed when it was
/// held, decides it once, records the decision under the held permit (whose own legal basis it carries), and relays it
/// to the inquirer.
/// </summary>
public sealed class HeldAnswerReleaseTests
{
    private static readonly DateTimeOffset HeldAt = Seed.Now;
    private static readonly DateTimeOffset ApprovedAt = Seed.Now.AddDays(2);

    private readonly FakeSealer _sealer = new();
    private readonly InMemoryHeldResponseStore _held = new();
    private readonly FakeCopyStore _copies = new(Seed.Copy(version: 2)); // corrected since it was held
    private readonly RecordingRecordWriter _records = new();
    private readonly RecordingRelay _relay = new();
    private readonly SignedPermitData _signedPermit = Seed.SignedPermit();
    private readonly HeldAnswerKey _key = new([1, 2, 3], [4, 5, 6]);

    public HeldAnswerReleaseTests() => _held.SaveAsync(new HeldResponse(Seed.PermitId, Seed.InquiryId, _signedPermit, Seed.Person,
        InformationNameCode.Parse(Seed.Osteoporosis), "DV_SUPPORT", HeldAt, HeldAt.AddDays(3), _key), CancellationToken.None);

    private HeldAnswerRelease Release(IPermitVerifier? verifier = null) => new(
        new InstitutionScope(InstitutionCode.Parse(Seed.Hitachinaka)), verifier ?? new FakeVerifier(Seed.Permit()), _held, _copies,
        _sealer, _relay, _records, new FixedClock(ApprovedAt));

    private static ProvisionRecordEntry Decision(ProvisionOutcome outcome, string reason) => new(ApprovedAt, RecordDirection.Incoming,
        Seed.InquiryId, Seed.PermitId, Seed.Mito, Seed.Hitachinaka, Seed.Affair, Seed.Procedure, Seed.Osteoporosis,
        Seed.PermitLegalBasis, outcome, reason, Seed.Person);

    [Fact]
    public async Task An_approved_answer_is_built_from_todays_copy_sealed_with_its_held_key_recorded_and_relayed()
    {
        await Release().ApproveAsync(Seed.PermitId, CancellationToken.None);

        var (_, key) = Assert.Single(_sealer.Seals);
        Assert.Same(_key, key);
        Assert.Equal((ProvisionOutcome.Provided, "", ApprovedAt), _held.Decisions[Seed.PermitId]);
        var (entry, accepted) = Assert.Single(_records.Attempts);
        Assert.Equal(Decision(ProvisionOutcome.Provided, ""), entry);
        Assert.Null(accepted);

        var relayed = Assert.Single(_relay.Relayed);
        Assert.Same(_signedPermit, relayed.Permit);
        Assert.Equal((Seed.PermitId, Seed.InquiryId, ProvisionOutcome.Provided, ""),
            (relayed.PermitId, relayed.InquiryId, relayed.Outcome, relayed.Reason));
        Assert.NotNull(relayed.Answer);
        Assert.Equal(FakeSealer.Names([Seed.Copy(version: 2)]), relayed.Answer.Ciphertext);
        Assert.Same(_key.SenderPublicKey, relayed.Answer.SenderPublicKey);
    }

    [Fact]
    public async Task An_approved_answer_whose_copy_is_gone_is_not_provided_for_no_data()
    {
        _copies.Stored.Clear();

        await Release().ApproveAsync(Seed.PermitId, CancellationToken.None);

        Assert.Empty(_sealer.Seals);
        Assert.Equal((ProvisionOutcome.NotProvided, ErrorReasons.NoData, ApprovedAt), _held.Decisions[Seed.PermitId]);
        Assert.Equal(Decision(ProvisionOutcome.NotProvided, ErrorReasons.NoData), Assert.Single(_records.Entries));
        var relayed = Assert.Single(_relay.Relayed);
        Assert.Equal((ProvisionOutcome.NotProvided, ErrorReasons.NoData), (relayed.Outcome, relayed.Reason));
        Assert.Null(relayed.Answer);
    }

    [Fact]
    public async Task A_permit_id_with_no_undecided_held_answer_is_not_found()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Release().ApproveAsync("ffffffffffffffffffffffffffffffff", CancellationToken.None));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(ErrorReasons.HeldResponseNotFound, error.Reason);
        AssertNothingDecided();
    }

    [Fact]
    public async Task A_held_answer_approved_twice_is_decided_recorded_and_relayed_once()
    {
        await Release().ApproveAsync(Seed.PermitId, CancellationToken.None);

        var error = await Assert.ThrowsAsync<DomainException>(() => Release().ApproveAsync(Seed.PermitId, CancellationToken.None));

        Assert.Equal(ErrorReasons.HeldResponseNotFound, error.Reason);
        Assert.Single(_records.Attempts);
        Assert.Single(_relay.Relayed);
    }

    [Fact]
    public async Task A_held_answer_another_reviewer_decided_meanwhile_is_neither_recorded_nor_relayed()
    {
        _held.DecidedElsewhere = true;

        var error = await Assert.ThrowsAsync<DomainException>(() => Release().ApproveAsync(Seed.PermitId, CancellationToken.None));

        Assert.Equal(ErrorKind.FailedPrecondition, error.Kind);
        Assert.Equal(ErrorReasons.HeldResponseNotFound, error.Reason);
        Assert.Empty(_records.Attempts);
        Assert.Empty(_relay.Relayed);
    }

    [Fact]
    public async Task A_held_permit_that_no_longer_verifies_is_not_decided()
    {
        var refusal = new DomainException(ErrorKind.PermissionDenied, ErrorReasons.PermitSignatureInvalid, "Bad signature.");

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Release(FakeVerifier.Refusing(refusal)).ApproveAsync(Seed.PermitId, CancellationToken.None));

        Assert.Same(refusal, error);
        AssertNothingDecided();
    }

    private void AssertNothingDecided()
    {
        Assert.Empty(_held.Decisions);
        Assert.Empty(_sealer.Seals);
        Assert.Empty(_records.Attempts);
        Assert.Empty(_relay.Relayed);
    }
}
