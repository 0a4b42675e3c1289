using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;

namespace Linkage.Domain.Retention;

/// <summary>The erasures themselves: each in one transaction, each returning how many rows it removed.</summary>
public interface IRetentionStore
{
    /// <summary>
    /// Removes the chain's entries (its node's, of its kind) up to <paramref name="anchor"/> and makes it the chain's
    /// anchor, in one transaction.
    /// </summary>
    Task<long> PurgeChainAsync(ISealedChain chain, ChainHead anchor, CancellationToken ct);

    /// <summary>Copy versions superseded, and tombstones written, before <paramref name="before"/>.</summary>
    Task<int> PurgeSupersededCopiesAsync(DateTimeOffset before, CancellationToken ct);

    /// <summary>Held answers decided before <paramref name="before"/> whose delivery is done, with their decisions and outbox rows.</summary>
    Task<int> PurgeDecidedHeldAsync(DateTimeOffset before, CancellationToken ct);

    /// <summary>Results of held inquiries the back office picked up before <paramref name="before"/>.</summary>
    Task<int> PurgePickedUpResultsAsync(DateTimeOffset before, CancellationToken ct);
}
