namespace Linkage.Domain.Records;

/// <summary>
/// The link function of the record chain: hash(n) from hash(n-1), the sequence and the record's fields. The domain
/// verifies the chain with it; the cryptography behind it lives outside the domain.
/// </summary>
public interface IRecordHasher
{
    /// <summary>The "previous hash" of the first record.</summary>
    byte[] Genesis { get; }

    byte[] Hash(byte[] previousHash, long sequence, ProvisionRecordEntry entry);
}
