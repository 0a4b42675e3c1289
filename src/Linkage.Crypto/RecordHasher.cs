using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Linkage.Domain.Chains;
using Linkage.Domain.Records;

namespace Linkage.Crypto;

/// <summary>
/// The hash chain of provision records: hash(n) = SHA-256(hash(n-1) | sequence | canonical fields of n).
/// Every field is length-prefixed so that no two different records encode alike.
/// </summary>
public sealed class RecordHasher : IChainHasher<ProvisionRecordEntry>
{
    public const int HashLength = 32;

    /// <summary>One instance serves every caller: it holds no state.</summary>
    public static readonly RecordHasher Sha256 = new();

    private static readonly byte[] GenesisHash = new byte[HashLength];

    public byte[] Genesis => GenesisHash;

    public byte[] Hash(byte[] previousHash, long sequence, ProvisionRecordEntry entry)
    {
        using var buffer = new MemoryStream(512);
        buffer.Write(previousHash);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, sequence);
        buffer.Write(number);
        BinaryPrimitives.WriteInt64BigEndian(number, entry.RecordedAt.ToUnixTimeMilliseconds());
        buffer.Write(number);
        Field(buffer, ((int)entry.Direction).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(buffer, entry.InquiryId);
        Field(buffer, entry.PermitId);
        Field(buffer, entry.InquirerInstitution);
        Field(buffer, entry.ProviderInstitution);
        Field(buffer, entry.Affair);
        Field(buffer, entry.Procedure);
        Field(buffer, entry.InformationName);
        Field(buffer, entry.LegalBasis);
        Field(buffer, ((int)entry.Outcome).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(buffer, entry.Reason);
        Field(buffer, entry.Person?.Value ?? "");
        return SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>A length-prefixed UTF-8 field; shared with <see cref="OperationHasher"/>.</summary>
    internal static void Field(Stream buffer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}
