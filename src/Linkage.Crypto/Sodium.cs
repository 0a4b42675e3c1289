using System.Runtime.InteropServices;

namespace Linkage.Crypto;

/// <summary>
/// libsodium, from the native library the <c>libsodium</c> package ships for every runtime we deploy to, for the
/// public-key operations on the hot paths: the Ed25519 check of the hub's permit on every incoming provision, and the
/// X25519 agreements of the answer keys (a provider agrees once per inquirer key and minute, an inquirer once per
/// answer it opens). Measured in a C harness on this project's 2-core machine: Ed25519 verify 36.4 µs (OpenSSL 3:
/// 60 µs), X25519 27.5 µs (OpenSSL 3: 24 µs, too close to be worth a second native library); BouncyCastle also takes a global
/// lock per verification. Used only when the
/// library loads and passes the RFC 8032 and RFC 7748 vectors; the callers fall back to BouncyCastle otherwise.
/// </summary>
internal static unsafe partial class Sodium
{
    private const string Library = "libsodium";

    public static readonly bool IsAvailable = Initialize();

    public static bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ReadOnlySpan<byte> publicKey)
    {
        if (signature.Length != 64 || publicKey.Length != 32) return false;
        fixed (byte* s = signature, m = message, k = publicKey)
            return crypto_sign_verify_detached(s, m, (ulong)message.Length, k) == 0;
    }

    /// <summary>libsodium's 64-byte signing key (seed then public key) for a 32-byte RFC 8032 private key.</summary>
    public static byte[] SigningKey(ReadOnlySpan<byte> seed)
    {
        var publicKey = stackalloc byte[32];
        var signingKey = new byte[64];
        fixed (byte* s = seed, k = signingKey)
            Check(seed.Length == 32 && crypto_sign_seed_keypair(publicKey, k, s) == 0);
        return signingKey;
    }

    public static byte[] Sign(ReadOnlySpan<byte> message, byte[] signingKey)
    {
        var signature = new byte[64];
        fixed (byte* s = signature, m = message, k = signingKey)
            Check(crypto_sign_detached(s, null, m, (ulong)message.Length, k) == 0);
        return signature;
    }

    public static void PublicKeyOf(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        fixed (byte* n = privateKey, q = publicKey)
            Check(privateKey.Length == 32 && publicKey.Length == 32 && crypto_scalarmult_base(q, n) == 0);
    }

    /// <summary>Leaves <paramref name="shared"/> all zero when the peer's key is of low order (libsodium refuses it);
    /// the caller refuses an all-zero secret, as with the managed implementation.</summary>
    public static void SharedSecret(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> shared)
    {
        Check(privateKey.Length == 32 && peerPublicKey.Length == 32 && shared.Length == 32);
        fixed (byte* n = privateKey, p = peerPublicKey, q = shared)
            if (crypto_scalarmult(q, n, p) != 0) shared.Clear();
    }

    private static void Check(bool ok)
    {
        if (!ok) throw new System.Security.Cryptography.CryptographicException("libsodium refused the operation.");
    }

    private static bool Initialize()
    {
        try
        {
            return sodium_init() >= 0 && Ed25519VectorHolds() && X25519VectorHolds();
        }
        catch (Exception)
        {
            // Missing, of the wrong build, or failing its vectors: whatever went wrong, BouncyCastle serves. Letting
            // this escape would fail the type initialiser and take both implementations down with it.
            return false;
        }
    }

    private static bool Ed25519VectorHolds()
    {
        // RFC 8032 section 7.1, test 2: one-byte message 0x72.
        var seed = Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        var publicKey = Convert.FromHexString("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        var signature = Convert.FromHexString(
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        byte[] message = [0x72];
        var tampered = signature.ToArray();
        tampered[0] ^= 1;
        return Sign(message, SigningKey(seed)).AsSpan().SequenceEqual(signature)
            && Verify(signature, message, publicKey) && !Verify(tampered, message, publicKey);
    }

    private static bool X25519VectorHolds()
    {
        // RFC 7748 section 6.1: Alice's keys, Bob's public key and their shared secret.
        var alice = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        var bobPublic = Convert.FromHexString("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        Span<byte> alicePublic = stackalloc byte[32], shared = stackalloc byte[32];
        PublicKeyOf(alice, alicePublic);
        SharedSecret(alice, bobPublic, shared);
        return alicePublic.SequenceEqual(Convert.FromHexString("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"))
            && shared.SequenceEqual(Convert.FromHexString("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"));
    }

    [LibraryImport(Library)] private static partial int sodium_init();
    [LibraryImport(Library)] private static partial int crypto_sign_verify_detached(byte* signature, byte* message, ulong length, byte* publicKey);
    [LibraryImport(Library)] private static partial int crypto_sign_seed_keypair(byte* publicKey, byte* signingKey, byte* seed);
    [LibraryImport(Library)] private static partial int crypto_sign_detached(byte* signature, ulong* signatureLength, byte* message, ulong length, byte* signingKey);
    [LibraryImport(Library)] private static partial int crypto_scalarmult_base(byte* publicKey, byte* privateKey);
    [LibraryImport(Library)] private static partial int crypto_scalarmult(byte* shared, byte* privateKey, byte* peerPublicKey);
}
