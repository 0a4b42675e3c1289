namespace Linkage.Domain.Chains.Checkpoints;

/// <summary>
/// The signatures on checkpoints: this gateway's own (it signs and checks them) and the hub's countersignature
/// (checked only). The keys and the algorithm live outside the domain.
/// </summary>
public interface ICheckpointSignatures
{
    string KeyId { get; }

    byte[] Sign(ChainCheckpoint checkpoint);

    bool IsSignedByUs(ChainCheckpoint checkpoint);

    bool IsWitnessedByHub(ChainCheckpoint checkpoint);
}
