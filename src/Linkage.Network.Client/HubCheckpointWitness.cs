using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.Network.V1;
using Linkage.Domain.Chains.Checkpoints;
using DomainWitness = Linkage.Domain.Chains.Checkpoints.CheckpointWitness;
using WireWitness = Linkage.Contracts.Network.V1.CheckpointWitness;

namespace Linkage.Network.Client;

/// <summary>
/// The hub as witness of this gateway's checkpoints. Witnessing is safe to repeat: a checkpoint the hub already
/// witnessed is refused as replayed, and the sealer then takes the witness the hub kept.
/// </summary>
public sealed class HubCheckpointWitness(HubConnection hub) : ICheckpointWitness
{
    public async Task<DomainWitness> WitnessAsync(ChainCheckpoint checkpoint, CancellationToken ct) =>
        CheckpointWire.ToDomain(await hub.RepeatableAsync(o => hub.Client.WitnessCheckpointAsync(CheckpointWire.ToWire(checkpoint), o).ResponseAsync, ct));

    public async Task<ChainCheckpoint?> WitnessedHeadAsync(string chainId, CancellationToken ct)
    {
        var head = await hub.RepeatableAsync(o => hub.Client.GetWitnessedHeadAsync(new GetWitnessedHeadRequest { ChainId = chainId }, o).ResponseAsync, ct);
        return head.Checkpoint is null ? null : CheckpointWire.ToDomain(head.Checkpoint) with { Witness = head.Witness is null ? null : CheckpointWire.ToDomain(head.Witness) };
    }
}

/// <summary>Checkpoints between the domain and the network's messages; the hub simulator uses it too.</summary>
public static class CheckpointWire
{
    public static SignedCheckpoint ToWire(ChainCheckpoint c) => new()
    {
        ChainId = c.ChainId,
        Sequence = c.Sequence,
        HeadHash = ByteString.CopyFrom(c.HeadHash),
        SealedAt = Timestamp.FromDateTimeOffset(c.SealedAt),
        PreviousSequence = c.PreviousSequence,
        PreviousHash = ByteString.CopyFrom(c.PreviousHash),
        KeyId = c.KeyId,
        Signature = ByteString.CopyFrom(c.Signature),
    };

    public static WireWitness ToWire(DomainWitness w) => new()
    {
        WitnessedAt = Timestamp.FromDateTimeOffset(w.WitnessedAt), KeyId = w.KeyId, Signature = ByteString.CopyFrom(w.Signature),
    };

    public static ChainCheckpoint ToDomain(SignedCheckpoint c) => new(c.ChainId, c.Sequence, c.HeadHash.ToByteArray(),
        c.SealedAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch, c.PreviousSequence, c.PreviousHash.ToByteArray(), c.KeyId,
        c.Signature.ToByteArray());

    public static DomainWitness ToDomain(WireWitness w) =>
        new(w.WitnessedAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch, w.KeyId, w.Signature.ToByteArray());
}
