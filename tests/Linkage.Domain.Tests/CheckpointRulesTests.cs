using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Errors;
using Linkage.Domain.Retention;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Domain.Tests;

/// <summary>The small rules around checkpoints: what makes two the same, when a seal is due, the sealer's edges.</summary>
public sealed class CheckpointRulesTests : IDisposable
{
    private const string ChainId = "1000082210000000/provision-records";
    private static readonly ChainCheckpoint Sample = new(ChainId, 5, [5], Seed.Now, 3, [3], "cp-1", [9]);
    private readonly FakeTimeProvider _clock = new(Seed.Now.AddTicks(4_321));
    private readonly FakeCheckpointStore _store = new();
    private readonly FakeAnchors _anchors = new();
    private readonly FakeWitness _hub;
    private readonly FakeSealedChain _chain = new(ChainId);
    private readonly ChainSealer _sealer;

    public CheckpointRulesTests()
    {
        _hub = new FakeWitness(_clock);
        _sealer = new ChainSealer(_store, new FakeSignatures(), _hub, _anchors, _clock);
    }

    public void Dispose() => _sealer.Dispose();

    public static TheoryData<ChainCheckpoint> Others => new()
    {
        Sample with { ChainId = "1000082210000000/operation-log" },
        Sample with { Sequence = 6 },
        Sample with { HeadHash = [6] },
        Sample with { SealedAt = Seed.Now.AddMilliseconds(1) },
        Sample with { PreviousSequence = 2 },
        Sample with { PreviousHash = [2] },
        Sample with { KeyId = "cp-2" },
        Sample with { Signature = [8] },
    };

    [Theory]
    [MemberData(nameof(Others))]
    public void A_checkpoint_differing_in_any_signed_field_or_its_signature_is_not_the_same(ChainCheckpoint other)
    {
        Assert.False(Sample.SameAs(other));
        Assert.True(Sample.SameAs(Sample with { HeadHash = [5], Witness = new CheckpointWitness(Seed.Now, "hub-1", [1]) }));
    }

    [Theory]
    [InlineData(0, null, 0, false)]
    [InlineData(1, null, 0, true)]
    [InlineData(9, 10, 59, false)]
    [InlineData(10, 10, 0, true)]
    [InlineData(1, 10, 60, true)]
    public void A_seal_is_due_after_so_many_entries_or_so_long(int entries, int? sealedSecondsAgo, int elapsed, bool due)
    {
        var schedule = new CheckpointSchedule(10, TimeSpan.FromSeconds(60));
        DateTimeOffset? last = sealedSecondsAgo is null ? null : Seed.Now;
        Assert.Equal(due, schedule.IsDue(entries, last, Seed.Now.AddSeconds(elapsed)));
    }

    [Fact]
    public async Task A_checkpoint_is_sealed_at_a_whole_millisecond_and_after_a_purge_at_its_last_checkpoint_sealing_goes_on()
    {
        _chain.Links = TextHasher.Chain(3);
        var first = await _sealer.SealAsync(_chain, CancellationToken.None);
        // Everything up to the checkpoint was erased: its hash lives on as the anchor.
        _anchors.Anchor = new ChainHead(3, first!.HeadHash);
        _chain.Links = TextHasher.Chain(5).Skip(3).ToList();

        var second = await _sealer.SealAsync(_chain, CancellationToken.None);

        Assert.Equal(Seed.Now, first.SealedAt); // 4,321 ticks (0.43 ms) past Seed.Now, cut to the millisecond signed
        Assert.Equal((5L, 3L), (second!.Sequence, second.PreviousSequence));
    }

    [Fact]
    public async Task A_replay_refusal_is_taken_as_witnessed_only_when_the_hubs_head_is_that_very_checkpoint()
    {
        _chain.Links = TextHasher.Chain(3);
        var mine = await _sealer.SealAsync(_chain, CancellationToken.None);
        _hub.Heads[ChainId] = mine! with { Signature = [1, 2, 3], Witness = FakeSignatures.Witness(mine, Seed.Now) };

        var refusal = await Assert.ThrowsAsync<DomainException>(() => _sealer.WitnessAsync(ChainId, CancellationToken.None));

        Assert.Equal(ErrorReasons.CheckpointReplayed, refusal.Reason);
        Assert.Null(Assert.Single(_store.Checkpoints).Witness);
    }

    [Fact]
    public void The_default_retention_is_seven_years_for_records_and_the_log_five_for_copies_ninety_days_and_thirty()
    {
        var d = RetentionSettings.Default;
        Assert.Equal((2557, 2557, 1826, 90, 30),
            (d.ProvisionRecords.Days, d.OperationLog.Days, d.SupersededCopies.Days, d.DecidedHeld.Days, d.PickedUpResults.Days));
    }
}
