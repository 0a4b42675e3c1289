namespace Linkage.Domain.Chains.Checkpoints;

/// <summary>The hub that witnesses checkpoints and remembers the latest one of each chain.</summary>
public interface ICheckpointWitness
{
    /// <summary>The hub's countersignature; a refusal is a <see cref="Errors.DomainException"/> with the hub's reason.</summary>
    Task<CheckpointWitness> WitnessAsync(ChainCheckpoint checkpoint, CancellationToken ct);

    /// <summary>The latest checkpoint the hub witnessed for the chain, with its witness; null when none.</summary>
    Task<ChainCheckpoint?> WitnessedHeadAsync(string chainId, CancellationToken ct);
}
