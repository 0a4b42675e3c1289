using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Staff;

namespace Linkage.Domain.Retention;

/// <summary>
/// One pass of erasure. A chain is cut only at a checkpoint the hub witnessed whose seal is older than the chain's
/// retention, so every entry removed was older still, and the remaining chain verifies from that sealed anchor. Each
/// purge that removed anything is written to the operation log with its counts (and, for a chain, its anchor).
/// </summary>
public sealed class RetentionRun(
    RetentionSettings settings, IRetentionStore store, ICheckpointStore checkpoints, IChainAnchors anchors, IOperationLog log, TimeProvider clock)
{
    public const string Actor = "retention";

    /// <summary>What this pass removed, by kind.</summary>
    public sealed record Result(long ProvisionRecords, long OperationLog, int SupersededCopies, int DecidedHeld, int PickedUpResults);

    /// <param name="chains">Every chain of the institution, every node's: a purge runs once for all of them.</param>
    public async Task<Result> RunAsync(IReadOnlyList<ISealedChain> chains, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        long records = 0, operations = 0;
        foreach (var chain in chains)
            if (chain.Kind == ChainKind.ProvisionRecords) records += await PurgeChainAsync(chain, now - settings.ProvisionRecords, ct);
            else operations += await PurgeChainAsync(chain, now - settings.OperationLog, ct);
        var copies = await store.PurgeSupersededCopiesAsync(now - settings.SupersededCopies, ct);
        if (copies > 0) await RecordAsync("retention/superseded-copies", $"{copies} copy versions and tombstones", ct);
        var held = await store.PurgeDecidedHeldAsync(now - settings.DecidedHeld, ct);
        if (held > 0) await RecordAsync("retention/decided-held", $"{held} decided held answers", ct);
        var results = await store.PurgePickedUpResultsAsync(now - settings.PickedUpResults, ct);
        if (results > 0) await RecordAsync("retention/picked-up-results", $"{results} picked-up results", ct);
        return new Result(records, operations, copies, held, results);
    }

    private async Task<long> PurgeChainAsync(ISealedChain chain, DateTimeOffset before, CancellationToken ct)
    {
        var anchor = await checkpoints.LatestWitnessedBeforeAsync(chain.ChainId, before, ct);
        var current = await anchors.AnchorOfAsync(chain.ChainId, ct);
        if (anchor is null || anchor.Sequence <= (current?.Sequence ?? 0)) return 0;
        var removed = await store.PurgeChainAsync(chain, new ChainHead(anchor.Sequence, anchor.HeadHash), ct);
        // "retention/node-1/provision-records": the chain's id without the institution, which every entry here shares.
        await RecordAsync("retention/" + chain.ChainId[(chain.ChainId.IndexOf('/', StringComparison.Ordinal) + 1)..],
            $"{removed} entries up to {anchor.Sequence}; anchor {Convert.ToHexString(anchor.HeadHash)}", ct);
        return removed;
    }

    private Task RecordAsync(string what, string target, CancellationToken ct) =>
        log.AppendAsync(new OperationEntry(clock.GetUtcNow(), CallerKind.System, Actor, "", what, target, OperationOutcome.Done, ""), ct);
}
