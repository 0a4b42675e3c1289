using System.Security.Cryptography;
using System.Text;
using Linkage.Domain.Provision;


namespace Linkage.Crypto;

/// <summary>
/// End-to-end answer encryption: X25519 between the sender's key (fresh, or the provider's short-lived
/// <see cref="RotatingAnswerKey"/>) and the inquirer's one-time key, HKDF-SHA-256 over the shared secret and both
/// public keys, AES-256-GCM with caller-supplied associated data (the permit id and inquiry id), so a relayed answer
/// can neither be read by the hub nor moved to another inquiry.
/// </summary>
public static class AnswerEnvelope
{
    public const int KeyLength = 32;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private static readonly byte[] Info = Encoding.ASCII.GetBytes("linkage answer envelope v1");

    public static byte[] AssociatedData(string permitId, string inquiryId) =>
        Encoding.UTF8.GetBytes($"{permitId}\n{inquiryId}");

    /// <summary>Seals with a key pair made for this answer alone.</summary>
    public static SealedAnswer Seal(byte[] recipientPublicKey, ReadOnlySpan<byte> plaintext, byte[] associatedData) =>
        Seal(X25519KeyPair.Generate(), recipientPublicKey, plaintext, associatedData);

    public static SealedAnswer Seal(X25519KeyPair sender, byte[] recipientPublicKey, ReadOnlySpan<byte> plaintext, byte[] associatedData)
    {
        if (recipientPublicKey.Length != KeyLength)
            throw new CryptographicException($"An X25519 public key is {KeyLength} bytes.");
        var ephemeralPublic = sender.PublicKey;
        var key = DeriveKey(X25519Agreement.SharedSecret(sender.PrivateKey, recipientPublicKey), ephemeralPublic, recipientPublicKey);

        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var output = new byte[plaintext.Length + TagLength];
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), associatedData);
        return new SealedAnswer(ephemeralPublic, nonce, output);
    }

    /// <summary>Decrypts, or throws <see cref="CryptographicException"/> when anything was altered.</summary>
    public static byte[] Open(byte[] recipientPrivateKey, SealedAnswer sealedAnswer, byte[] associatedData)
    {
        if (sealedAnswer.EphemeralPublicKey.Length != KeyLength || sealedAnswer.Nonce.Length != NonceLength
            || sealedAnswer.Ciphertext.Length < TagLength)
            throw new CryptographicException("The sealed answer is malformed.");
        var (shared, recipientPublic) = X25519Agreement.Agree(recipientPrivateKey, sealedAnswer.EphemeralPublicKey);
        var key = DeriveKey(shared, sealedAnswer.EphemeralPublicKey, recipientPublic);

        var length = sealedAnswer.Ciphertext.Length - TagLength;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(sealedAnswer.Nonce, sealedAnswer.Ciphertext.AsSpan(0, length),
            sealedAnswer.Ciphertext.AsSpan(length), plaintext, associatedData);
        return plaintext;
    }

    private static byte[] DeriveKey(byte[] shared, byte[] ephemeralPublic, byte[] recipientPublic)
    {
        if (shared.All(b => b == 0))
            throw new CryptographicException("The peer's X25519 key is of low order.");
        var salt = ephemeralPublic.Concat(recipientPublic).ToArray();
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, KeyLength, salt, Info);
    }
}
