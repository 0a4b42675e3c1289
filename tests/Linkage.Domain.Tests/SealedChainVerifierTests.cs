using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Errors;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Domain.Tests;

/// <summary>
/// Verification with checkpoints finds what a plain hash chain cannot: a rewrite with fresh hashes, a cut-off tail,
/// and a cut-off tail whose newest checkpoints were removed with it (the hub remembers); it also says how much of the
/// chain is not sealed yet, and whether the hub was asked.
/// </summary>
public sealed class SealedChainVerifierTests : IDisposable
{
    private const string ChainId = "1000082210000000/node-1/operation-log";
    private readonly FakeTimeProvider _clock = new(Seed.Now);
    private readonly FakeSignatures _signatures = new();
    private readonly FakeCheckpointStore _store = new();
    private readonly FakeWitness _hub;
    private readonly FakeAnchors _anchors = new();
    private readonly FakeSealedChain _chain = new(ChainId, kind: ChainKind.OperationLog);
    private readonly ChainSealer _sealer;
    private readonly SealedChainVerifier<string> _verifier;

    public SealedChainVerifierTests()
    {
        _hub = new FakeWitness(_clock);
        _sealer = new ChainSealer(_store, _signatures, _hub, _anchors, _clock);
        _verifier = new SealedChainVerifier<string>(new HashChainVerifier<string>(TextHasher.Instance), _signatures, _store, _hub, _anchors);
    }

    public void Dispose() => _sealer.Dispose();

    /// <summary>The chain grows to each length in turn, sealed and witnessed at each.</summary>
    private async Task SealedAtAsync(params int[] lengths)
    {
        foreach (var length in lengths)
        {
            _chain.Links = TextHasher.Chain(length);
            await _sealer.SealAsync(_chain, CancellationToken.None);
            await _sealer.WitnessAsync(ChainId, CancellationToken.None);
        }
    }

    private Task<ChainVerification> VerifyAsync(IReadOnlyList<ChainLink<string>> links) =>
        _verifier.VerifyAsync(_chain, TextHasher.Stream(links), CancellationToken.None);

    [Fact]
    public async Task A_sealed_and_witnessed_chain_is_intact_and_its_unsealed_tail_is_counted()
    {
        await SealedAtAsync(3, 5);

        var result = await VerifyAsync(TextHasher.Chain(6));

        Assert.True(result.Intact, result.Description);
        Assert.Equal((6L, 2, 0, 1L, 5L, true), (result.Checked, result.CheckpointsChecked, result.UnwitnessedCheckpoints,
            result.UnsealedEntries, result.WitnessedSequence, result.HubCompared));
        Assert.Equal("Every entry links to its predecessor and matches its hash; 2 checkpoint(s) verify, 2 witnessed by the hub; "
            + "1 entries after the newest checkpoint are not sealed yet.", result.Description);
    }

    [Fact]
    public async Task A_chain_rewritten_with_recomputed_hashes_links_but_is_found_from_the_checkpoint_before_it()
    {
        await SealedAtAsync(2, 5);

        var result = await VerifyAsync(TextHasher.Chain(6, n => n == 4 ? "rewritten" : $"e{n}"));

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.StartsWith("Entries 3 to 5 were rewritten", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tail_cut_off_below_a_checkpoint_is_found()
    {
        await SealedAtAsync(5);

        var result = await VerifyAsync(TextHasher.Chain(2));

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal("Entries 3 to 5 are missing: checkpoint 5 sealed them.", result.Description);
    }

    [Fact]
    public async Task A_tail_cut_off_with_its_newest_checkpoints_is_found_by_the_hubs_head()
    {
        await SealedAtAsync(3, 6);
        _store.Checkpoints.RemoveAt(1);

        var result = await VerifyAsync(TextHasher.Chain(3));

        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Equal(6, result.WitnessedSequence);
    }

    [Fact]
    public async Task A_checkpoint_removed_between_two_others_breaks_their_succession()
    {
        await SealedAtAsync(2, 4, 6);
        _store.Checkpoints.RemoveAt(1);

        var result = await VerifyAsync(TextHasher.Chain(6));

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("witness")]
    public async Task A_checkpoint_not_signed_by_us_or_not_witnessed_by_the_hub_is_found(string forged)
    {
        await SealedAtAsync(3);
        var checkpoint = _store.Checkpoints[0];
        _store.Checkpoints[0] = forged == "signature"
            ? checkpoint with { Signature = new FakeSignatures(ownKey: "intruder").Sign(checkpoint) }
            : checkpoint with { Witness = FakeSignatures.Witness(checkpoint, Seed.Now, key: "intruder") };
        _hub.Heads.Clear();

        var result = await VerifyAsync(TextHasher.Chain(3));

        Assert.False(result.Intact);
        Assert.Equal(1, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task When_the_hub_cannot_be_asked_the_chain_is_checked_against_its_own_checkpoints_and_says_so()
    {
        await SealedAtAsync(3);
        _hub.Failure = new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable, "down");

        var result = await VerifyAsync(TextHasher.Chain(4));

        Assert.True(result.Intact, result.Description);
        Assert.False(result.HubCompared);
        Assert.EndsWith("The hub could not be reached, so its latest witnessed head was not compared.", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_naming_the_right_predecessor_with_another_hash_breaks_the_succession()
    {
        await SealedAtAsync(2);
        var forged = new ChainCheckpoint(ChainId, 4, TextHasher.Chain(4)[3].Hash, Seed.Now, 2, [1, 2, 3], "cp-1", []);
        _store.Checkpoints.Add(forged with { Signature = _signatures.Sign(forged) });
        _hub.Heads.Clear();

        var result = await VerifyAsync(TextHasher.Chain(4));

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task A_hub_head_without_a_witness_is_not_believed()
    {
        await SealedAtAsync(2);
        _hub.Heads[ChainId] = _hub.Heads[ChainId] with { Witness = null };

        var result = await VerifyAsync(TextHasher.Chain(2));

        Assert.False(result.Intact);
        Assert.EndsWith("it has no witness.", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_purge_entries_rewritten_after_the_anchor_are_named_from_it_and_the_unsealed_counted_from_it()
    {
        var full = TextHasher.Chain(5);
        _anchors.Anchor = new ChainHead(3, full[2].Hash);
        var rewritten = TextHasher.Chain(2, n => $"x{n}", after: _anchors.Anchor);
        _store.Checkpoints.Clear();
        _hub.Heads.Clear();

        var unsealed = await VerifyAsync(full.Skip(3).ToList());
        _store.Checkpoints.Add(Signed(new ChainCheckpoint(ChainId, 5, full[4].Hash, Seed.Now, 0, [], "cp-1", [])));
        var result = await VerifyAsync(rewritten);

        Assert.Equal(2, unsealed.UnsealedEntries);
        Assert.False(result.Intact);
        Assert.StartsWith("Entries 4 to 5 were rewritten", result.Description, StringComparison.Ordinal);
    }

    private ChainCheckpoint Signed(ChainCheckpoint c) => c with { Signature = _signatures.Sign(c) };

    [Fact]
    public async Task After_a_purge_the_chain_verifies_from_its_anchor_and_not_from_another()
    {
        await SealedAtAsync(3, 5);
        var full = TextHasher.Chain(5);
        _anchors.Anchor = new ChainHead(3, full[2].Hash);

        var intact = await VerifyAsync(full.Skip(3).ToList());
        _anchors.Anchor = new ChainHead(3, full[1].Hash);
        var wrongAnchor = await VerifyAsync(full.Skip(3).ToList());

        Assert.True(intact.Intact, intact.Description);
        Assert.Equal((2L, 0L), (intact.Checked, intact.UnsealedEntries));
        Assert.False(wrongAnchor.Intact);
        Assert.Equal(4, wrongAnchor.FirstBrokenSequence);
    }
}
