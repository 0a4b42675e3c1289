using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Linkage.Domain.Chains;
using Linkage.Domain.Staff;

namespace Linkage.Crypto;

/// <summary>
/// The hash chain of the operation log, built like the provision records': hash(n) = SHA-256(hash(n-1) | sequence |
/// canonical fields of n), each field length-prefixed.
/// </summary>
public sealed class OperationHasher : IChainHasher<OperationEntry>
{
    public static readonly OperationHasher Sha256 = new();

    private static readonly byte[] GenesisHash = new byte[RecordHasher.HashLength];

    public byte[] Genesis => GenesisHash;

    public byte[] Hash(byte[] previousHash, long sequence, OperationEntry entry)
    {
        using var buffer = new MemoryStream(256);
        buffer.Write(previousHash);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, sequence);
        buffer.Write(number);
        BinaryPrimitives.WriteInt64BigEndian(number, entry.At.ToUnixTimeMilliseconds());
        buffer.Write(number);
        RecordHasher.Field(buffer, ((int)entry.ActorKind).ToString(CultureInfo.InvariantCulture));
        RecordHasher.Field(buffer, entry.ActorId);
        RecordHasher.Field(buffer, entry.SessionId);
        RecordHasher.Field(buffer, entry.Rpc);
        RecordHasher.Field(buffer, entry.Target);
        RecordHasher.Field(buffer, ((int)entry.Outcome).ToString(CultureInfo.InvariantCulture));
        RecordHasher.Field(buffer, entry.Reason);
        return SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
