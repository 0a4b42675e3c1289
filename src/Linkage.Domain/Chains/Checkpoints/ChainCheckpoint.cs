namespace Linkage.Domain.Chains.Checkpoints;

/// <summary>
/// A signed statement by this gateway: "chain <see cref="ChainId"/> had <see cref="HeadHash"/> at
/// <see cref="Sequence"/>, and extends the head it sealed before (<see cref="PreviousSequence"/>, 0 for the first)".
/// Whoever can write the database cannot make one: the key is not in the database. The hub's
/// <see cref="Witness"/> adds a second signature and the hub's own memory of the latest head.
/// </summary>
public sealed record ChainCheckpoint(
    string ChainId,
    long Sequence,
    byte[] HeadHash,
    DateTimeOffset SealedAt,
    long PreviousSequence,
    byte[] PreviousHash,
    string KeyId,
    byte[] Signature,
    CheckpointWitness? Witness = null)
{
    /// <summary>The same checkpoint: every signed field and the signature (a witness may be added later).</summary>
    public bool SameAs(ChainCheckpoint other) =>
        ChainId == other.ChainId && Sequence == other.Sequence && HeadHash.AsSpan().SequenceEqual(other.HeadHash)
        && SealedAt == other.SealedAt && PreviousSequence == other.PreviousSequence
        && PreviousHash.AsSpan().SequenceEqual(other.PreviousHash) && KeyId == other.KeyId
        && Signature.AsSpan().SequenceEqual(other.Signature);
}

/// <summary>The hub's countersignature over a checkpoint and its signature, and when it witnessed it.</summary>
public sealed record CheckpointWitness(DateTimeOffset WitnessedAt, string KeyId, byte[] Signature);
