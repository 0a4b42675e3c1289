using System.Collections.Concurrent;
using Linkage.Crypto;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Errors;

namespace Linkage.Benchmarks.Records;

/// <summary>
/// An in-process stand-in for the hub's witnessing, for benchmarks: it countersigns a checkpoint with a key of its own
/// (the bytes the hub signs, <see cref="CheckpointSignatures.WitnessedBytes"/>) when it extends the head it witnessed
/// last, and keeps that head in memory, where the real hub keeps it in its database behind a gRPC call.
/// </summary>
internal sealed class BenchWitness(Ed25519SignatureSigner hubKey, TimeProvider clock) : ICheckpointWitness
{
    private readonly ConcurrentDictionary<string, ChainCheckpoint> _heads = new(StringComparer.Ordinal);

    public Task<CheckpointWitness> WitnessAsync(ChainCheckpoint checkpoint, CancellationToken ct)
    {
        var head = _heads.GetValueOrDefault(checkpoint.ChainId);
        if (checkpoint.PreviousSequence != (head?.Sequence ?? 0) || !checkpoint.PreviousHash.AsSpan().SequenceEqual(head?.HeadHash ?? []))
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.CheckpointNotExtending,
                "The checkpoint does not extend the witnessed head.");
        var now = clock.GetUtcNow();
        var witnessedAt = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond));
        var witness = new CheckpointWitness(witnessedAt, hubKey.KeyId, hubKey.Sign(CheckpointSignatures.WitnessedBytes(checkpoint, witnessedAt)));
        _heads[checkpoint.ChainId] = checkpoint with { Witness = witness };
        return Task.FromResult(witness);
    }

    public Task<ChainCheckpoint?> WitnessedHeadAsync(string chainId, CancellationToken ct) =>
        Task.FromResult(_heads.GetValueOrDefault(chainId));
}
