using Linkage.Domain.Chains;
using Linkage.Domain.Staff;

namespace Linkage.Crypto;

/// <summary>
/// The hash chain of the operation log, built like the provision records': hash(n) = SHA-256(hash(n-1) | sequence |
/// canonical fields of n), each field length-prefixed (<see cref="CanonicalEncoding"/>).
/// </summary>
public sealed class OperationHasher : IChainHasher<OperationEntry>
{
    public static readonly OperationHasher Sha256 = new();

    private static readonly byte[] GenesisHash = new byte[RecordHasher.HashLength];

    public byte[] Genesis => GenesisHash;

    public byte[] Hash(byte[] previousHash, long sequence, OperationEntry entry)
    {
        var encoding = new CanonicalEncoding(256);
        encoding.Bytes(previousHash);
        encoding.Int64(sequence);
        encoding.Int64(entry.At.ToUnixTimeMilliseconds());
        encoding.Field((int)entry.ActorKind);
        encoding.Field(entry.ActorId);
        encoding.Field(entry.SessionId);
        encoding.Field(entry.Rpc);
        encoding.Field(entry.Target);
        encoding.Field((int)entry.Outcome);
        encoding.Field(entry.Reason);
        return encoding.Sha256();
    }
}
