using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Retention;
using Linkage.Domain.Staff;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Domain.Tests;

/// <summary>
/// Erasure cuts a chain only at a checkpoint the hub witnessed and that was sealed before the chain's retention began,
/// so everything erased was older still; each erasure is written to the operation log with its counts and anchor.
/// </summary>
public sealed class RetentionRunTests
{
    private const string Records = "1000082210000000/node-1/provision-records";
    private const string Operations = "1000082210000000/node-1/operation-log";
    private static readonly DateTimeOffset Now = Seed.Now.AddYears(8);
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly FakeCheckpointStore _checkpoints = new();
    private readonly FakeAnchors _anchors = new();
    private readonly FakeRetentionStore _store = new();
    private readonly FakeOperationLog _log = new();

    private RetentionRun Run(RetentionSettings? settings = null) =>
        new(settings ?? RetentionSettings.Default, _store, _checkpoints, _anchors, _log, _clock);

    private void Checkpoint(string chain, long sequence, DateTimeOffset sealedAt, bool witnessed = true) =>
        _checkpoints.Checkpoints.Add(new ChainCheckpoint(chain, sequence, [(byte)sequence], sealedAt, 0, [], "cp-1", [1],
            witnessed ? new CheckpointWitness(sealedAt, "hub-1", [2]) : null));

    private Task<RetentionRun.Result> RunAsync(RetentionSettings? settings = null) =>
        Run(settings).RunAsync([new FakeSealedChain(Records), new FakeSealedChain(Operations, kind: ChainKind.OperationLog)], CancellationToken.None);

    [Fact]
    public async Task A_chain_is_cut_at_its_newest_witnessed_checkpoint_sealed_before_its_retention_began()
    {
        var cutoff = Now - RetentionSettings.LegalMinimum;
        Checkpoint(Records, 100, cutoff.AddDays(-30));
        Checkpoint(Records, 200, cutoff.AddDays(-1));
        Checkpoint(Records, 250, cutoff.AddDays(-1).AddHours(1), witnessed: false); // the hub never vouched for it
        Checkpoint(Records, 300, cutoff.AddMinutes(1));                               // sealed after the cutoff
        _store.Removed = 200;

        var result = await RunAsync();

        Assert.Equal(200, result.ProvisionRecords);
        var (chain, anchor) = Assert.Single(_store.ChainPurges);
        Assert.Equal((Records, 200L), (chain, anchor.Sequence));
        Assert.Equal([200], anchor.Hash);
        var entry = Assert.Single(_log.Entries);
        Assert.Equal((CallerKind.System, RetentionRun.Actor, "retention/node-1/provision-records", OperationOutcome.Done),
            (entry.ActorKind, entry.ActorId, entry.Rpc, entry.Outcome));
        Assert.Equal("200 entries up to 200; anchor C8", entry.Target);
    }

    [Fact]
    public async Task Nothing_is_cut_again_at_the_anchor_already_there_nor_without_a_checkpoint_old_enough()
    {
        Checkpoint(Records, 100, Now - RetentionSettings.LegalMinimum - TimeSpan.FromDays(1));
        Checkpoint(Operations, 50, Now.AddDays(-10));
        _anchors.Anchor = new ChainHead(100, [100]);

        var result = await RunAsync();

        Assert.Equal((0L, 0L), (result.ProvisionRecords, result.OperationLog));
        Assert.Empty(_store.ChainPurges);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task The_operation_log_is_cut_by_its_own_period()
    {
        Checkpoint(Operations, 40, Now - TimeSpan.FromDays(3000) - TimeSpan.FromDays(1));
        Checkpoint(Operations, 80, Now - TimeSpan.FromDays(3000) + TimeSpan.FromDays(1));
        _store.Removed = 40;

        var result = await RunAsync(RetentionSettings.Default with { OperationLog = TimeSpan.FromDays(3000) });

        Assert.Equal((0L, 40L), (result.ProvisionRecords, result.OperationLog));
        Assert.Equal((Operations, 40L), (_store.ChainPurges[0].Chain, _store.ChainPurges[0].Anchor.Sequence));
        Assert.Equal("retention/node-1/operation-log", Assert.Single(_log.Entries).Rpc);
    }

    [Fact]
    public async Task Picked_up_results_erased_are_logged_too()
    {
        _store.Counts = (0, 0, 4);

        await RunAsync();

        Assert.Equal(("retention/picked-up-results", "4 picked-up results"), (Assert.Single(_log.Entries).Rpc, _log.Entries[0].Target));
    }

    [Fact]
    public async Task Copies_held_answers_and_results_are_erased_from_their_own_periods_and_each_erasure_is_logged()
    {
        _store.Counts = (3, 2, 0);
        var settings = RetentionSettings.Default with
        {
            SupersededCopies = TimeSpan.FromDays(10), DecidedHeld = TimeSpan.FromDays(20), PickedUpResults = TimeSpan.FromDays(30),
        };

        var result = await RunAsync(settings);

        Assert.Equal((3, 2, 0), (result.SupersededCopies, result.DecidedHeld, result.PickedUpResults));
        Assert.Equal([Now.AddDays(-10), Now.AddDays(-20), Now.AddDays(-30)], _store.Cutoffs);
        Assert.Equal(["retention/superseded-copies", "retention/decided-held"], _log.Entries.Select(e => e.Rpc));
        Assert.Equal(["3 copy versions and tombstones", "2 decided held answers"], _log.Entries.Select(e => e.Target));
    }

    [Theory]
    [InlineData(2556, 2557, 1, "Provision records must be kept at least 2557 days")]
    [InlineData(2557, 2556, 1, "The operation log must be kept at least 2557 days")]
    [InlineData(2557, 2557, 0, "Superseded copies must be kept at least a day")]
    public void Records_and_the_operation_log_kept_less_than_seven_years_are_refused(int recordDays, int logDays, int copyDays, string expected)
    {
        var settings = RetentionSettings.Default with
        {
            ProvisionRecords = TimeSpan.FromDays(recordDays), OperationLog = TimeSpan.FromDays(logDays),
            SupersededCopies = TimeSpan.FromDays(copyDays),
        };

        var problem = Assert.Single(settings.Problems());
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.Empty(RetentionSettings.Default.Problems());
        Assert.Equal(2557, RetentionSettings.LegalMinimum.Days);
    }
}

internal sealed class FakeRetentionStore : IRetentionStore
{
    public List<(string Chain, ChainHead Anchor)> ChainPurges { get; } = [];
    public List<DateTimeOffset> Cutoffs { get; } = [];
    public long Removed { get; set; }
    public (int Copies, int Held, int Results) Counts { get; set; }

    public Task<long> PurgeChainAsync(ISealedChain chain, ChainHead anchor, CancellationToken ct)
    {
        ChainPurges.Add((chain.ChainId, anchor));
        return Task.FromResult(Removed);
    }

    public Task<int> PurgeSupersededCopiesAsync(DateTimeOffset before, CancellationToken ct) => Count(before, Counts.Copies);

    public Task<int> PurgeDecidedHeldAsync(DateTimeOffset before, CancellationToken ct) => Count(before, Counts.Held);

    public Task<int> PurgePickedUpResultsAsync(DateTimeOffset before, CancellationToken ct) => Count(before, Counts.Results);

    private Task<int> Count(DateTimeOffset before, int count)
    {
        Cutoffs.Add(before);
        return Task.FromResult(count);
    }
}
