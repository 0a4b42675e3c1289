namespace Linkage.Domain.Chains;

/// <summary>
/// The link function of a hash chain: hash(n) from hash(n-1), the sequence and the entry's fields. The domain
/// verifies chains with it; the cryptography behind it lives outside the domain.
/// </summary>
public interface IChainHasher<in TEntry>
{
    /// <summary>The "previous hash" of the first entry.</summary>
    byte[] Genesis { get; }

    byte[] Hash(byte[] previousHash, long sequence, TEntry entry);
}
