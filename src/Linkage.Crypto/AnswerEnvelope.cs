using System.Security.Cryptography;
using System.Text;
using Linkage.Domain.Provision;

namespace Linkage.Crypto;

/// <summary>
/// End-to-end answer encryption: X25519 between the sender's key and the inquirer's key named in the permit; HKDF-SHA-256
/// extracts from the shared secret with both public keys as salt, and expands one key per answer with the permit id and
/// inquiry id as info; AES-256-GCM with the same ids as associated data. The hub relays the answer but cannot read it,
/// and an answer moved to another inquiry opens neither under its key nor under its associated data.
/// </summary>
public static class AnswerEnvelope
{
    public const int KeyLength = 32;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private static readonly byte[] InfoPrefix = Encoding.ASCII.GetBytes("linkage answer envelope v2\n");

    public static byte[] AssociatedData(string permitId, string inquiryId) =>
        Encoding.UTF8.GetBytes($"{permitId}\n{inquiryId}");

    /// <summary>Seals with a key pair made for this answer alone.</summary>
    public static SealedAnswer Seal(byte[] recipientPublicKey, ReadOnlySpan<byte> plaintext, byte[] associatedData) =>
        Seal(new AnswerKeyGeneration(X25519KeyPair.Generate()), recipientPublicKey, plaintext, associatedData);

    /// <summary>Seals with the sender's current answer key, agreeing with each recipient key once per generation.</summary>
    public static SealedAnswer Seal(AnswerKeyGeneration sender, byte[] recipientPublicKey, ReadOnlySpan<byte> plaintext, byte[] associatedData)
    {
        if (recipientPublicKey.Length != KeyLength)
            throw new CryptographicException($"An X25519 public key is {KeyLength} bytes.");
        Span<byte> key = stackalloc byte[KeyLength];
        ExpandAnswerKey(sender.SealingSecretFor(recipientPublicKey), associatedData, key);

        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var output = new byte[plaintext.Length + TagLength];
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), associatedData);
        return new SealedAnswer(sender.PublicKey, nonce, output);
    }

    /// <summary>Decrypts, or throws <see cref="CryptographicException"/> when anything was altered.</summary>
    public static byte[] Open(byte[] recipientPrivateKey, SealedAnswer sealedAnswer, byte[] associatedData)
    {
        if (sealedAnswer.EphemeralPublicKey.Length != KeyLength || sealedAnswer.Nonce.Length != NonceLength
            || sealedAnswer.Ciphertext.Length < TagLength)
            throw new CryptographicException("The sealed answer is malformed.");
        var (shared, recipientPublic) = X25519Agreement.Agree(recipientPrivateKey, sealedAnswer.EphemeralPublicKey);
        Span<byte> key = stackalloc byte[KeyLength];
        ExpandAnswerKey(Extract(shared, sealedAnswer.EphemeralPublicKey, recipientPublic), associatedData, key);

        var length = sealedAnswer.Ciphertext.Length - TagLength;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(sealedAnswer.Nonce, sealedAnswer.Ciphertext.AsSpan(0, length),
            sealedAnswer.Ciphertext.AsSpan(length), plaintext, associatedData);
        return plaintext;
    }

    /// <summary>HKDF-Extract over the X25519 secret, salted with the sender's then the recipient's public key (so the
    /// two directions between the same keys differ).</summary>
    internal static byte[] Extract(byte[] shared, byte[] senderPublic, byte[] recipientPublic)
    {
        if (shared.All(b => b == 0))
            throw new CryptographicException("The peer's X25519 key is of low order.");
        return HKDF.Extract(HashAlgorithmName.SHA256, shared, [.. senderPublic, .. recipientPublic]);
    }

    /// <summary>HKDF-Expand to this answer's own key: the permit and inquiry are part of the info.</summary>
    private static void ExpandAnswerKey(byte[] pseudorandomKey, byte[] associatedData, Span<byte> key)
    {
        var length = InfoPrefix.Length + associatedData.Length;
        Span<byte> info = length <= 512 ? stackalloc byte[length] : new byte[length];
        InfoPrefix.CopyTo(info);
        associatedData.CopyTo(info[InfoPrefix.Length..]);
        HKDF.Expand(HashAlgorithmName.SHA256, pseudorandomKey, key, info);
    }
}
