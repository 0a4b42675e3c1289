using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Linkage.Domain.Answers;

namespace Linkage.Crypto;

/// <summary>
/// End-to-end answer encryption: X25519 between the sender's key and the inquirer's key named in the permit; HKDF-SHA-256
/// extracts from the shared secret with both public keys as salt, and expands one key per answer with the permit id and
/// inquiry id as info; AES-256-GCM with the same ids as associated data. The hub relays the answer but cannot read it,
/// and an answer moved to another inquiry opens neither under its key nor under its associated data.
/// A held answer's key is derived by both sides when the provider holds it (see <see cref="AnswerKey(AnswerKeyGeneration, byte[], byte[])"/>),
/// so that neither side keeps a private key, which would open other answers, until the answer is released.
/// </summary>
public static class AnswerEnvelope
{
    /// <summary>The version of the key derivation below, carried on the wire with every sealed answer.</summary>
    public const uint Version = 2;
    public const int KeyLength = 32;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private static readonly byte[] InfoPrefix = Encoding.ASCII.GetBytes("linkage answer envelope v2\n");

    /// <summary>
    /// Each id's length (4 bytes, big-endian) before its UTF-8 bytes, so that no two pairs of ids share the bytes, as
    /// ids joined by a separator would when one holds the separator ("a\nb", "c" and "a", "b\nc").
    /// </summary>
    public static byte[] AssociatedData(string permitId, string inquiryId)
    {
        var permit = Encoding.UTF8.GetBytes(permitId);
        var inquiry = Encoding.UTF8.GetBytes(inquiryId);
        var data = new byte[4 + permit.Length + 4 + inquiry.Length];
        BinaryPrimitives.WriteInt32BigEndian(data, permit.Length);
        permit.CopyTo(data, 4);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4 + permit.Length), inquiry.Length);
        inquiry.CopyTo(data, 8 + permit.Length);
        return data;
    }

    /// <summary>Seals with a key pair made for this answer alone.</summary>
    public static SealedAnswer Seal(byte[] recipientPublicKey, ReadOnlySpan<byte> plaintext, byte[] associatedData) =>
        Seal(new AnswerKeyGeneration(X25519KeyPair.Generate()), recipientPublicKey, plaintext, associatedData);

    /// <summary>Seals with the sender's current answer key, agreeing with each recipient key once per generation.</summary>
    public static SealedAnswer Seal(AnswerKeyGeneration sender, byte[] recipientPublicKey, ReadOnlySpan<byte> plaintext, byte[] associatedData) =>
        SealWithKey(AnswerKey(sender, recipientPublicKey, associatedData), sender.PublicKey, plaintext, associatedData);

    /// <summary>Decrypts, or throws <see cref="CryptographicException"/> when anything was altered.</summary>
    public static byte[] Open(byte[] recipientPrivateKey, SealedAnswer sealedAnswer, byte[] associatedData)
    {
        CheckShape(sealedAnswer);
        return OpenWithKey(AnswerKey(recipientPrivateKey, sealedAnswer.SenderPublicKey, associatedData), sealedAnswer, associatedData);
    }

    /// <summary>The sender's side of one answer's key: what a provider keeps for an answer it holds.</summary>
    public static byte[] AnswerKey(AnswerKeyGeneration sender, byte[] recipientPublicKey, byte[] associatedData)
    {
        if (recipientPublicKey.Length != KeyLength)
            throw new CryptographicException($"An X25519 public key is {KeyLength} bytes.");
        return Expand(sender.SealingSecretFor(recipientPublicKey), associatedData);
    }

    /// <summary>The recipient's side of the same key: what an inquirer keeps for an answer the provider holds.</summary>
    public static byte[] AnswerKey(byte[] recipientPrivateKey, byte[] senderPublicKey, byte[] associatedData)
    {
        if (senderPublicKey.Length != KeyLength)
            throw new CryptographicException($"An X25519 public key is {KeyLength} bytes.");
        var (shared, recipientPublic) = X25519Agreement.Agree(recipientPrivateKey, senderPublicKey);
        return Expand(Extract(shared, senderPublicKey, recipientPublic), associatedData);
    }

    public static SealedAnswer SealWithKey(byte[] answerKey, byte[] senderPublicKey, ReadOnlySpan<byte> plaintext, byte[] associatedData)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var output = new byte[plaintext.Length + TagLength];
        using var aes = new AesGcm(answerKey, TagLength);
        aes.Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), associatedData);
        return new SealedAnswer(senderPublicKey, nonce, output);
    }

    /// <summary>Decrypts with an answer key derived earlier, or throws <see cref="CryptographicException"/>.</summary>
    public static byte[] OpenWithKey(byte[] answerKey, SealedAnswer sealedAnswer, byte[] associatedData)
    {
        CheckShape(sealedAnswer);
        var length = sealedAnswer.Ciphertext.Length - TagLength;
        var plaintext = new byte[length];
        using var aes = new AesGcm(answerKey, TagLength);
        aes.Decrypt(sealedAnswer.Nonce, sealedAnswer.Ciphertext.AsSpan(0, length),
            sealedAnswer.Ciphertext.AsSpan(length), plaintext, associatedData);
        return plaintext;
    }

    private static void CheckShape(SealedAnswer sealedAnswer)
    {
        if (sealedAnswer.SenderPublicKey.Length != KeyLength || sealedAnswer.Nonce.Length != NonceLength
            || sealedAnswer.Ciphertext.Length < TagLength)
            throw new CryptographicException("The sealed answer is malformed.");
    }

    /// <summary>HKDF-Extract over the X25519 secret, salted with the sender's then the recipient's public key (so the
    /// two directions between the same keys differ).</summary>
    internal static byte[] Extract(byte[] shared, byte[] senderPublic, byte[] recipientPublic)
    {
        if (shared.All(b => b == 0))
            throw new CryptographicException("The peer's X25519 key is of low order.");
        return HKDF.Extract(HashAlgorithmName.SHA256, shared, [.. senderPublic, .. recipientPublic]);
    }

    /// <summary>HKDF-Expand to one answer's own key: the permit and inquiry are part of the info.</summary>
    private static byte[] Expand(byte[] pseudorandomKey, byte[] associatedData)
    {
        var length = InfoPrefix.Length + associatedData.Length;
        Span<byte> info = length <= 512 ? stackalloc byte[length] : new byte[length];
        InfoPrefix.CopyTo(info);
        associatedData.CopyTo(info[InfoPrefix.Length..]);
        var key = new byte[KeyLength];
        HKDF.Expand(HashAlgorithmName.SHA256, pseudorandomKey, key, info);
        return key;
    }
}
