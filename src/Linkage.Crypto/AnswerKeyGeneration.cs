using System.Collections.Concurrent;

namespace Linkage.Crypto;

/// <summary>
/// One generation of a <see cref="RotatingAnswerKey"/>: the key pair, and what it has already agreed with the peers it
/// sealed answers to. Peers' answer keys live a minute as well (both sides use a <see cref="RotatingAnswerKey"/>), so
/// within a minute only the first answer to each inquirer pays for the X25519 scalar multiplication; every answer still
/// gets a key of its own (see <see cref="AnswerEnvelope"/>). What is remembered dies with the generation.
/// </summary>
public sealed class AnswerKeyGeneration
{
    /// <summary>Past this many peers in one generation, further peers are agreed afresh each time instead of
    /// remembered: memory stays bounded whatever keys the permits name.</summary>
    public const int MaxRememberedPeers = 4_096;

    private readonly ConcurrentDictionary<byte[], byte[]> _agreed = new(PublicKeyComparer.Instance);
    private int _remembered;

    public AnswerKeyGeneration(X25519KeyPair keys) => Keys = keys;

    public X25519KeyPair Keys { get; }
    public byte[] PublicKey => Keys.PublicKey;
    public byte[] PrivateKey => Keys.PrivateKey;

    /// <summary>The pseudorandom key (HKDF-Extract) shared with the holder of <paramref name="recipientPublicKey"/>, for
    /// answers sealed by this key to that one. Throws <see cref="System.Security.Cryptography.CryptographicException"/>
    /// for a key of low order; such keys are never remembered.</summary>
    internal byte[] SealingSecretFor(byte[] recipientPublicKey)
    {
        if (_agreed.TryGetValue(recipientPublicKey, out var known)) return known;
        var agreed = AnswerEnvelope.Extract(X25519Agreement.SharedSecret(PrivateKey, recipientPublicKey), PublicKey, recipientPublicKey);
        // A counter, not _agreed.Count (which takes every lock of the table), and claimed before adding, so that
        // racing callers cannot together pass the bound.
        if (Interlocked.Increment(ref _remembered) <= MaxRememberedPeers)
        {
            if (!_agreed.TryAdd(recipientPublicKey.ToArray(), agreed)) Interlocked.Decrement(ref _remembered);
        }
        else Interlocked.Decrement(ref _remembered);
        return agreed;
    }

    internal int RememberedPeers => _agreed.Count;

    private sealed class PublicKeyComparer : IEqualityComparer<byte[]>
    {
        public static readonly PublicKeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        // HashCode is seeded per process: peers cannot choose keys that collide in this table.
        public int GetHashCode(byte[] key)
        {
            var hash = new HashCode();
            hash.AddBytes(key);
            return hash.ToHashCode();
        }
    }
}
