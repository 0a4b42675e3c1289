namespace Linkage.Domain.Chains.Checkpoints;

/// <summary>
/// The chains of an institution: those this node writes and seals (its provision records and its operation log), and
/// every node's, which verification and retention go through.
/// </summary>
public interface IKeptChains
{
    /// <summary>This node's name.</summary>
    string Node { get; }

    ISealedChain ProvisionRecords { get; }

    ISealedChain OperationLog { get; }

    /// <summary>This node's two chains.</summary>
    IReadOnlyList<ISealedChain> All { get; }

    /// <summary>
    /// Every chain of the institution, ordered by node and kind: this node's, and every other node's found in the
    /// records, the operation log, the checkpoints or the anchors of a purge. A node's chain is listed though it was
    /// cut back to its anchor, so that the anchor and the checkpoints are still verified.
    /// </summary>
    Task<IReadOnlyList<ISealedChain>> InstitutionChainsAsync(CancellationToken ct);
}
