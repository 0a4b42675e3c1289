using Linkage.Domain.Chains.Checkpoints;

namespace Linkage.Crypto;

/// <summary>
/// The bytes behind a checkpoint's two signatures, and this gateway's use of them. Each kind of signed statement
/// starts with its own label, so that a checkpoint signature can never pass for a permit's or a list's (the hub signs
/// all three with one key).
/// </summary>
/// <param name="ownKey">This node's private key: it seals this node's chains only.</param>
/// <param name="nodeKeys">The public key of each node of the institution, this one's included, by node name: a node's
/// chain verifies only with its own node's key, so one node's key cannot vouch for a rewrite of another's chain.</param>
public sealed class CheckpointSignatures(
    Ed25519SignatureSigner ownKey, IReadOnlyDictionary<string, Ed25519SignatureVerifier> nodeKeys, Ed25519SignatureVerifier hubKey)
    : ICheckpointSignatures
{
    public string KeyId => ownKey.KeyId;

    public byte[] Sign(ChainCheckpoint checkpoint) => ownKey.Sign(SignedBytes(checkpoint));

    public bool IsSignedByNode(string node, ChainCheckpoint checkpoint) =>
        nodeKeys.TryGetValue(node, out var key) && checkpoint.KeyId == key.KeyId && key.Verify(SignedBytes(checkpoint), checkpoint.Signature);

    public bool IsWitnessedByHub(ChainCheckpoint checkpoint) =>
        checkpoint.Witness is { } witness && witness.KeyId == hubKey.KeyId
        && hubKey.Verify(WitnessedBytes(checkpoint, witness.WitnessedAt), witness.Signature);

    /// <summary>What the gateway signs: every field of the checkpoint but the signature.</summary>
    public static byte[] SignedBytes(ChainCheckpoint checkpoint)
    {
        var encoding = new CanonicalEncoding(256);
        encoding.Field("linkage.checkpoint.v1");
        encoding.Field(checkpoint.ChainId);
        encoding.Int64(checkpoint.Sequence);
        encoding.Field(checkpoint.HeadHash.Length);
        encoding.Bytes(checkpoint.HeadHash);
        encoding.Int64(checkpoint.SealedAt.ToUnixTimeMilliseconds());
        encoding.Int64(checkpoint.PreviousSequence);
        encoding.Field(checkpoint.PreviousHash.Length);
        encoding.Bytes(checkpoint.PreviousHash);
        encoding.Field(checkpoint.KeyId);
        return encoding.ToArray();
    }

    /// <summary>What the hub countersigns: the checkpoint, the gateway's signature on it, and when it witnessed it.</summary>
    public static byte[] WitnessedBytes(ChainCheckpoint checkpoint, DateTimeOffset witnessedAt)
    {
        var encoding = new CanonicalEncoding(384);
        encoding.Field("linkage.witness.v1");
        var signed = SignedBytes(checkpoint);
        encoding.Field(signed.Length);
        encoding.Bytes(signed);
        encoding.Field(checkpoint.Signature.Length);
        encoding.Bytes(checkpoint.Signature);
        encoding.Int64(witnessedAt.ToUnixTimeMilliseconds());
        return encoding.ToArray();
    }
}
