using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Errors;
using Linkage.Domain.Retention;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Domain.Tests;

/// <summary>
/// Each gateway node of an institution keeps chains of its own: their ids name institution and node, a node's name is
/// checked wherever it comes in, a node's checkpoints verify only with that node's key, and retention cuts every node's
/// chains each at its own witnessed checkpoint.
/// </summary>
public sealed class NodeChainsTests
{
    [Theory]
    [InlineData("node-1", true)]
    [InlineData("a", true)]
    [InlineData("tokyo-2-b", true)]
    [InlineData("", false)]
    [InlineData("Node-1", false)]
    [InlineData("node_1", false)]
    [InlineData("node/1", false)]
    [InlineData("123456789012345678901234567890123", false)]
    public void A_node_name_is_1_to_32_of_lower_case_letters_digits_and_hyphens(string name, bool valid)
    {
        Assert.Equal(valid, NodeName.IsValid(name));
        if (valid) Assert.Equal(name, NodeName.Parse(name, "node"));
        else Assert.Equal("node", Assert.Single(Assert.Throws<DomainException>(() => NodeName.Parse(name, "node")).Violations).Field);
    }

    [Fact]
    public void A_chain_id_names_institution_node_and_kind_and_only_this_institutions_ids_parse()
    {
        var id = ChainNames.Of(Seed.Hitachinaka, "node-2", ChainKind.OperationLog);

        Assert.Equal(Seed.Hitachinaka + "/node-2/operation-log", id);
        Assert.True(ChainNames.TryParse(id, Seed.Hitachinaka, out var node, out var kind));
        Assert.Equal(("node-2", ChainKind.OperationLog), (node, kind));
        Assert.False(ChainNames.TryParse(id, Seed.Mito, out _, out _));
        Assert.False(ChainNames.TryParse(Seed.Hitachinaka + "/provision-records", Seed.Hitachinaka, out _, out _));
        Assert.False(ChainNames.TryParse(Seed.Hitachinaka + "/Node-2/provision-records", Seed.Hitachinaka, out _, out _));
        Assert.False(ChainNames.TryParse(Seed.Hitachinaka + "/node-2/other", Seed.Hitachinaka, out _, out _));
    }

    [Fact]
    public async Task A_checkpoint_of_another_nodes_chain_signed_with_this_nodes_key_does_not_verify()
    {
        var clock = new FakeTimeProvider(Seed.Now);
        var signatures = new FakeSignatures();
        var store = new FakeCheckpointStore();
        var hub = new FakeWitness(clock);
        var anchors = new FakeAnchors();
        // Node-1's key seals what claims to be node-2's chain: one node must not vouch for another's rewrite.
        var chain = new FakeSealedChain(Seed.Hitachinaka + "/node-2/provision-records", node: "node-2") { Links = TextHasher.Chain(3) };
        using (var sealer = new ChainSealer(store, signatures, hub, anchors, clock))
            await sealer.SealAsync(chain, CancellationToken.None);
        var verifier = new SealedChainVerifier<string>(new HashChainVerifier<string>(TextHasher.Instance), signatures, store, hub, anchors);

        var result = Assert.Single(await verifier.VerifyEachAsync([chain], _ => TextHasher.Stream(chain.Links), CancellationToken.None));

        Assert.Equal(("node-2", false), (result.Node, result.Result.Intact));
        Assert.Equal("Checkpoint 3 is not signed with the checkpoint key of node node-2.", result.Result.Description);
    }

    [Fact]
    public async Task Retention_cuts_each_nodes_chain_at_its_own_witnessed_checkpoint_and_logs_each()
    {
        var now = Seed.Now.AddYears(8);
        var old = now - RetentionSettings.LegalMinimum - TimeSpan.FromDays(1);
        var checkpoints = new FakeCheckpointStore();
        foreach (var (chain, sequence) in new[] { ("node-1", 40L), ("node-2", 70L) })
            checkpoints.Checkpoints.Add(new ChainCheckpoint($"{Seed.Hitachinaka}/{chain}/provision-records", sequence, [(byte)sequence], old, 0, [],
                "cp-1", [1], new CheckpointWitness(old, "hub-1", [2])));
        var store = new FakeRetentionStore { Removed = 5 };
        var log = new FakeOperationLog();
        var run = new RetentionRun(RetentionSettings.Default, store, checkpoints, new FakeAnchors(), log, new FakeTimeProvider(now));

        var result = await run.RunAsync([
            new FakeSealedChain($"{Seed.Hitachinaka}/node-1/provision-records"),
            new FakeSealedChain($"{Seed.Hitachinaka}/node-2/provision-records", node: "node-2"),
        ], CancellationToken.None);

        Assert.Equal(10, result.ProvisionRecords);
        Assert.Equal([40L, 70L], store.ChainPurges.Select(p => p.Anchor.Sequence));
        Assert.Equal(["retention/node-1/provision-records", "retention/node-2/provision-records"], log.Entries.Select(e => e.Rpc));
    }
}
