using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using ManagedChaCha20Poly1305 = Org.BouncyCastle.Crypto.Modes.ChaCha20Poly1305;
using Org.BouncyCastle.Crypto.Parameters;

namespace Linkage.Crypto;

/// <summary>
/// ChaCha20-Poly1305 (RFC 8439, 96-bit nonce) for wrapping data keys: libsodium where it loads and reproduces RFC 8439's
/// own example, BouncyCastle elsewhere; both write the same bytes, so a key wrapped on one host opens on any other.
/// Chosen over AES-GCM for this because it needs no CPU instructions to be constant-time and both our libraries have it.
/// Layout: nonce (12) | ciphertext | tag (16).
/// </summary>
internal static unsafe partial class KeyWrapAead
{
    public const int KeyLength = 32;
    public const int NonceLength = 12;
    public const int TagLength = 16;
    private const string Library = "libsodium";

    public static readonly bool IsNative = Initialize();

    public static int SealedLength(int plaintextLength) => NonceLength + plaintextLength + TagLength;

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[SealedLength(plaintext.Length)];
        // Random nonces are safe here: a key-encryption key wraps a handful of data keys in its life, nowhere near the
        // 2^32 messages where 96-bit random nonces start to risk a repeat.
        RandomNumberGenerator.Fill(output.AsSpan(0, NonceLength));
        var nonce = output.AsSpan(0, NonceLength);
        var sealedPart = output.AsSpan(NonceLength);
        if (IsNative) NativeSeal(key, nonce, plaintext, associatedData, sealedPart);
        else ManagedSeal(key, nonce, plaintext, associatedData, sealedPart);
        return output;
    }

    /// <summary>Throws <see cref="CryptographicException"/> when the key is not the one that sealed it, or anything was altered.</summary>
    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> stored, ReadOnlySpan<byte> associatedData)
    {
        if (stored.Length < NonceLength + TagLength)
            throw new CryptographicException("The wrapped value is too short to be a ciphertext.");
        var plaintext = new byte[stored.Length - NonceLength - TagLength];
        var ok = IsNative
            ? NativeOpen(key, stored[..NonceLength], stored[NonceLength..], associatedData, plaintext)
            : ManagedOpen(key, stored[..NonceLength], stored[NonceLength..], associatedData, plaintext);
        if (!ok)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new CryptographicException("The wrapped value does not open with this key: another key sealed it, or it was altered.");
        }
        return plaintext;
    }

    /// <summary>Ciphertext followed by the tag, into <paramref name="output"/> (plaintext length + 16).</summary>
    internal static void ManagedSeal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> associatedData, Span<byte> output)
    {
        var cipher = Managed(true, key, nonce, associatedData);
        var written = cipher.ProcessBytes(plaintext, output);
        cipher.DoFinal(output[written..]);
    }

    internal static bool ManagedOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedPart,
        ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        var cipher = Managed(false, key, nonce, associatedData);
        try
        {
            var written = cipher.ProcessBytes(sealedPart, plaintext);
            cipher.DoFinal(plaintext[written..]);
            return true;
        }
        catch (InvalidCipherTextException)
        {
            return false;
        }
    }

    private static ManagedChaCha20Poly1305 Managed(bool forEncryption, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData)
    {
        if (key.Length != KeyLength || nonce.Length != NonceLength) throw new ArgumentException("A 32-byte key and a 12-byte nonce are needed.");
        var cipher = new ManagedChaCha20Poly1305();
        cipher.Init(forEncryption, new AeadParameters(new KeyParameter(key.ToArray()), TagLength * 8, nonce.ToArray(), associatedData.ToArray()));
        return cipher;
    }

    internal static void NativeSeal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> associatedData, Span<byte> output)
    {
        if (key.Length != KeyLength || nonce.Length != NonceLength || output.Length != plaintext.Length + TagLength)
            throw new ArgumentException("Key, nonce or output of the wrong length.");
        ulong written;
        fixed (byte* c = output, m = plaintext, a = associatedData, n = nonce, k = key)
            if (crypto_aead_chacha20poly1305_ietf_encrypt(c, &written, m, (ulong)plaintext.Length, a, (ulong)associatedData.Length, null, n, k) != 0)
                throw new CryptographicException("libsodium refused to encrypt.");
    }

    internal static bool NativeOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedPart,
        ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        if (key.Length != KeyLength || nonce.Length != NonceLength || sealedPart.Length != plaintext.Length + TagLength)
            throw new ArgumentException("Key, nonce or output of the wrong length.");
        ulong written;
        fixed (byte* m = plaintext, c = sealedPart, a = associatedData, n = nonce, k = key)
            return crypto_aead_chacha20poly1305_ietf_decrypt(m, &written, null, c, (ulong)sealedPart.Length, a, (ulong)associatedData.Length, n, k) == 0;
    }

    private static bool Initialize()
    {
        try
        {
            return Sodium.IsAvailable && Rfc8439ExampleHolds();
        }
        catch (Exception)
        {
            // Whatever went wrong, BouncyCastle serves; an escape here would fail the type initialiser.
            return false;
        }
    }

    /// <summary>RFC 8439 section 2.8.2: the AEAD example, sealed and opened, and refused once altered.</summary>
    internal static bool Rfc8439ExampleHolds(bool native = true)
    {
        var (key, nonce, associated, plaintext, expected) = Rfc8439Example;
        var output = new byte[expected.Length];
        if (native) NativeSeal(key, nonce, plaintext, associated, output);
        else ManagedSeal(key, nonce, plaintext, associated, output);
        if (!output.AsSpan().SequenceEqual(expected)) return false;
        var opened = new byte[plaintext.Length];
        output[0] ^= 1;
        return !(native ? NativeOpen(key, nonce, output, associated, opened) : ManagedOpen(key, nonce, output, associated, opened));
    }

    internal static (byte[] Key, byte[] Nonce, byte[] Associated, byte[] Plaintext, byte[] Sealed) Rfc8439Example => (
        Convert.FromHexString("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"),
        Convert.FromHexString("070000004041424344454647"),
        Convert.FromHexString("50515253c0c1c2c3c4c5c6c7"),
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."u8.ToArray(),
        Convert.FromHexString(
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36" +
            "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116" +
            "1ae10b594f09e26a7e902ecbd0600691"));

    [LibraryImport(Library)]
    private static partial int crypto_aead_chacha20poly1305_ietf_encrypt(byte* c, ulong* clen, byte* m, ulong mlen, byte* ad, ulong adlen,
        byte* nsec, byte* npub, byte* k);

    [LibraryImport(Library)]
    private static partial int crypto_aead_chacha20poly1305_ietf_decrypt(byte* m, ulong* mlen, byte* nsec, byte* c, ulong clen, byte* ad, ulong adlen,
        byte* npub, byte* k);
}
