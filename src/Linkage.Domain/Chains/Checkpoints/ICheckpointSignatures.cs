namespace Linkage.Domain.Chains.Checkpoints;

/// <summary>
/// The signatures on checkpoints: this node's own (it signs and checks them), the other nodes' of the institution
/// (checked only: each node seals its own chains) and the hub's countersignature (checked only). The keys and the
/// algorithm live outside the domain.
/// </summary>
public interface ICheckpointSignatures
{
    /// <summary>The id of this node's key.</summary>
    string KeyId { get; }

    /// <summary>Signs with this node's key.</summary>
    byte[] Sign(ChainCheckpoint checkpoint);

    /// <summary>Whether the key configured for <paramref name="node"/> made the checkpoint; false for a node without one.</summary>
    bool IsSignedByNode(string node, ChainCheckpoint checkpoint);

    bool IsWitnessedByHub(ChainCheckpoint checkpoint);
}
