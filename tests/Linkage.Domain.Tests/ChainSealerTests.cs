using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Errors;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Domain.Tests;

/// <summary>
/// Sealing signs the chain's head on its schedule, each checkpoint extending the one before; the hub witnesses them in
/// order. A chain that no longer holds what was sealed is never sealed again.
/// </summary>
public sealed class ChainSealerTests : IDisposable
{
    private const string ChainId = "1000082210000000/node-1/provision-records";
    private readonly FakeTimeProvider _clock = new(Seed.Now);
    private readonly FakeSignatures _signatures = new();
    private readonly FakeCheckpointStore _store = new();
    private readonly FakeWitness _hub;
    private readonly FakeSealedChain _chain = new(ChainId);
    private readonly FakeAnchors _anchors = new();
    private readonly ChainSealer _sealer;

    public ChainSealerTests()
    {
        _hub = new FakeWitness(_clock);
        _sealer = new ChainSealer(_store, _signatures, _hub, _anchors, _clock);
    }

    public void Dispose() => _sealer.Dispose();

    private Task<ChainCheckpoint?> SealAsync(CheckpointSchedule? schedule = null) => _sealer.SealAsync(_chain, CancellationToken.None, schedule);

    [Fact]
    public async Task Each_checkpoint_signs_the_head_and_extends_the_one_before_and_nothing_new_seals_nothing()
    {
        _chain.Links = TextHasher.Chain(3);
        var first = await SealAsync();
        _chain.Links = TextHasher.Chain(5);
        var second = await SealAsync();
        var again = await SealAsync();

        Assert.Equal((3L, 0L), (first!.Sequence, first.PreviousSequence));
        Assert.Equal(_chain.Links[2].Hash, first.HeadHash);
        Assert.Empty(first.PreviousHash);
        Assert.Equal((5L, 3L), (second!.Sequence, second.PreviousSequence));
        Assert.Equal(first.HeadHash, second.PreviousHash);
        Assert.True(_signatures.IsSignedByNode(FakeSignatures.OwnNode, second));
        Assert.Null(again);
        Assert.Equal(2, _store.Checkpoints.Count);
    }

    [Fact]
    public async Task An_empty_chain_is_not_sealed()
    {
        Assert.Null(await SealAsync());
        Assert.Empty(_store.Checkpoints);
    }

    [Fact]
    public async Task On_a_schedule_a_chain_is_sealed_after_so_many_entries_or_so_much_time_whichever_comes_first()
    {
        var schedule = new CheckpointSchedule(Every: 10, Interval: TimeSpan.FromSeconds(60));
        _chain.Links = TextHasher.Chain(3);
        Assert.NotNull(await SealAsync(schedule)); // never sealed: at once

        _chain.Links = TextHasher.Chain(12);
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Null(await SealAsync(schedule)); // 9 new entries, 59 s
        _chain.Links = TextHasher.Chain(13);
        Assert.Equal(13, (await SealAsync(schedule))!.Sequence); // 10 new entries

        _chain.Links = TextHasher.Chain(14);
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Null(await SealAsync(schedule));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(14, (await SealAsync(schedule))!.Sequence); // 60 s
    }

    [Theory]
    [InlineData("rewritten")]
    [InlineData("cut")]
    public async Task A_chain_that_no_longer_holds_its_sealed_head_is_not_sealed_again(string damage)
    {
        _chain.Links = TextHasher.Chain(5);
        await SealAsync();
        _chain.Links = damage == "cut" ? TextHasher.Chain(4) : TextHasher.Chain(7, n => n == 2 ? "changed" : $"e{n}");

        var refusal = await Assert.ThrowsAsync<DomainException>(() => SealAsync());

        Assert.Equal(ErrorReasons.ChainBroken, refusal.Reason);
        Assert.Single(_store.Checkpoints);
    }

    [Fact]
    public async Task The_hub_witnesses_waiting_checkpoints_in_order_and_a_lost_answer_is_recovered_from_its_head()
    {
        _chain.Links = TextHasher.Chain(3);
        await SealAsync();
        _chain.Links = TextHasher.Chain(4);
        await SealAsync();
        // The hub witnessed the first, but its answer never came back.
        await _hub.WitnessAsync(_store.Checkpoints[0], CancellationToken.None);

        var witnessed = await _sealer.WitnessAsync(ChainId, CancellationToken.None);

        Assert.Equal(2, witnessed);
        Assert.All(_store.Checkpoints, c => Assert.True(_signatures.IsWitnessedByHub(c)));
        Assert.Equal(0, await _sealer.WitnessAsync(ChainId, CancellationToken.None));
    }

    [Fact]
    public async Task A_witness_that_is_not_the_hubs_is_refused_and_not_stored_and_an_unreachable_hub_leaves_checkpoints_waiting()
    {
        _chain.Links = TextHasher.Chain(3);
        await SealAsync();
        _hub.SigningKey = "impostor";
        var forged = await Assert.ThrowsAsync<DomainException>(() => _sealer.WitnessAsync(ChainId, CancellationToken.None));
        _hub.SigningKey = "hub";
        _hub.Heads.Clear();
        _hub.Failure = new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable, "down");
        await Assert.ThrowsAsync<DomainException>(() => _sealer.WitnessAsync(ChainId, CancellationToken.None));

        Assert.Equal(ErrorReasons.CheckpointSignatureInvalid, forged.Reason);
        Assert.Null(Assert.Single(_store.Checkpoints).Witness);
    }
}
