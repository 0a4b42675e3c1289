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
        var encoding = new CanonicalEncoding(512);
        encoding.Bytes(previousHash);
        encoding.Int64(sequence);
        encoding.Int64(entry.RecordedAt.ToUnixTimeMilliseconds());
        encoding.Field((int)entry.Direction);
        encoding.Field(entry.InquiryId);
        encoding.Field(entry.PermitId);
        encoding.Field(entry.InquirerInstitution);
        encoding.Field(entry.ProviderInstitution);
        encoding.Field(entry.Affair);
        encoding.Field(entry.Procedure);
        encoding.Field(entry.InformationName);
        encoding.Field(entry.LegalBasis);
        encoding.Field((int)entry.Outcome);
        encoding.Field(entry.Reason);
        encoding.Field(entry.Person?.Value ?? "");
        encoding.Int64(entry.PermitExpiresAt?.ToUnixTimeMilliseconds() ?? -1);
        return encoding.Sha256();
    }
}
