namespace Linkage.Domain.Chains.Checkpoints;

/// <summary>The checkpoints this gateway made, with the hub's witness once it has one.</summary>
public interface ICheckpointStore
{
    /// <summary>Every checkpoint of the chain, oldest first.</summary>
    Task<IReadOnlyList<ChainCheckpoint>> ListAsync(string chainId, CancellationToken ct);

    Task<ChainCheckpoint?> LatestAsync(string chainId, CancellationToken ct);

    /// <summary>The checkpoints the hub has not witnessed yet, oldest first.</summary>
    Task<IReadOnlyList<ChainCheckpoint>> UnwitnessedAsync(string chainId, CancellationToken ct);

    /// <summary>The newest checkpoint the hub witnessed that was sealed before <paramref name="before"/>: where a purge may cut.</summary>
    Task<ChainCheckpoint?> LatestWitnessedBeforeAsync(string chainId, DateTimeOffset before, CancellationToken ct);

    Task AddAsync(ChainCheckpoint checkpoint, CancellationToken ct);

    Task SetWitnessAsync(string chainId, long sequence, CheckpointWitness witness, CancellationToken ct);
}
