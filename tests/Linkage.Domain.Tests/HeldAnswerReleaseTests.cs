using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Permits;
using Linkage.Domain.Review;

namespace Linkage.Domain.Tests;

/// <summary>Releasing a held answer seals it with the key fixed when it was held.</summary>
public sealed class HeldAnswerReleaseTests
{
    private static readonly DateTimeOffset Now = new(2025, 7, 4, 1, 30, 0, TimeSpan.Zero);
    private static readonly InternalAddressNumber Person = InternalAddressNumber.Parse("082210000000007");
    private static readonly InformationNameCode Osteoporosis = InformationNameCode.Parse("TM00000000013903");

    private static readonly PermitClaims Permit = new("permit-1", "inquiry-1",
        InstitutionCode.Parse("1000082015000000"), InstitutionCode.Parse("1000082210000000"),
        AffairCode.Parse("JM00000000000139"), ProcedureCode.Parse("JT00000000013901"), Osteoporosis,
        Symbol.Parse("S4f2b7c1e9d0a8b3c6e5f4a2d1c0b9e8a"), new byte[32], Now.AddDays(-3), Now.AddDays(-3).AddMinutes(2), 2,
        "番号法第19条第8号");

    private readonly KeyNotingSealer _sealer = new();
    private readonly RecordingRecordWriter _records = new();

    private HeldAnswerRelease Release(HeldAnswerKey key) => new(
        new InstitutionScope(Permit.Provider),
        new FakeVerifier(Permit),
        new OneHeldResponse(new HeldResponse(Permit.PermitId, Permit.InquiryId, new SignedPermitData([0x0a], new byte[64], "hub-test-1"),
            Person, Osteoporosis, "review", Now.AddDays(-3), Now, key)),
        new FakeCopyStore(new ProvisionCopy(Person, Osteoporosis, "2025-57-1", 1, new DateOnly(2025, 6, 1), null,
            [new ItemEntry("9N001000000000001", "158.2")])),
        _sealer,
        new NoRelay(),
        _records,
        new FixedClock(Now));

    [Fact]
    public async Task An_answer_held_with_its_own_key_is_sealed_with_that_key()
    {
        var key = new HeldAnswerKey([1, 2, 3], [4, 5, 6]);
        await Release(key).ApproveAsync(Permit.PermitId, CancellationToken.None);
        Assert.Same(key, Assert.Single(_sealer.KeysUsed));
        Assert.Equal(ProvisionOutcome.Provided, Assert.Single(_records.Attempts).Entry.Outcome);
    }

    private sealed class KeyNotingSealer : IAnswerSealer
    {
        public List<HeldAnswerKey> KeysUsed { get; } = [];

        public SealedAnswer Seal(PermitClaims permit, IReadOnlyList<ProvisionCopy> copies) => throw new NotSupportedException();

        public HeldAnswerKey KeyForHeld(PermitClaims permit) => throw new NotSupportedException();

        public SealedAnswer Seal(PermitClaims permit, IReadOnlyList<ProvisionCopy> copies, HeldAnswerKey key)
        {
            KeysUsed.Add(key);
            return new SealedAnswer(key.SenderPublicKey, new byte[12], [1]);
        }
    }

    private sealed class OneHeldResponse(HeldResponse response) : IHeldResponseStore
    {
        private bool _decided;
        public Task SaveAsync(HeldResponse held, CancellationToken ct) => throw new NotSupportedException();
        public Task<HeldResponse?> FindUndecidedAsync(string permitId, CancellationToken ct) =>
            Task.FromResult(permitId == response.PermitId && !_decided ? response : null);
        public Task<bool> DecideAsync(string permitId, ProvisionOutcome outcome, string reason, DateTimeOffset decidedAt, CancellationToken ct)
        {
            var first = !_decided;
            _decided = true;
            return Task.FromResult(first);
        }
    }

    private sealed class NoRelay : IAnswerRelay
    {
        public Task RelayAsync(SignedPermitData permit, string permitId, string inquiryId, ProvisionOutcome outcome, string reason,
            SealedAnswer? answer, CancellationToken ct) => Task.CompletedTask;
    }
}
