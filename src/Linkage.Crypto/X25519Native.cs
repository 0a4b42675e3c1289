using System.Runtime.InteropServices;

namespace Linkage.Crypto;

/// <summary>
/// X25519 through the platform's OpenSSL (libcrypto 3), which the .NET runtime on Linux already loads: about twice
/// as fast as the managed BouncyCastle ladder, and every answer of every provision pays two of these operations.
/// Used only when the library is present and passes the RFC 7748 test vector; <see cref="X25519Agreement"/> falls
/// back to BouncyCastle otherwise.
/// </summary>
internal static partial class X25519Native
{
    private const string Library = "libcrypto.so.3";
    private const int X25519Id = 1034; // NID_X25519 / EVP_PKEY_X25519

    public static readonly bool IsAvailable = Probe();

    public static byte[] PublicKeyOf(ReadOnlySpan<byte> privateKey)
    {
        var key = NewPrivate(privateKey);
        try
        {
            var output = new byte[32];
            nuint length = 32;
            Check(EVP_PKEY_get_raw_public_key(key, output, ref length) == 1 && length == 32);
            return output;
        }
        finally { EVP_PKEY_free(key); }
    }

    /// <summary>The shared secret, and the public key of <paramref name="privateKey"/> from the same key object:
    /// OpenSSL computes the public half whenever it loads a private key, so asking for both costs one load.</summary>
    public static byte[] Agree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> shared)
    {
        IntPtr own = NewPrivate(privateKey), peer = IntPtr.Zero, context = IntPtr.Zero;
        try
        {
            var ownPublic = new byte[32];
            nuint publicLength = 32;
            Check(EVP_PKEY_get_raw_public_key(own, ownPublic, ref publicLength) == 1 && publicLength == 32);
            peer = EVP_PKEY_new_raw_public_key(X25519Id, IntPtr.Zero, peerPublicKey.ToArray(), 32);
            Check(peer != IntPtr.Zero);
            context = EVP_PKEY_CTX_new(own, IntPtr.Zero);
            Check(context != IntPtr.Zero && EVP_PKEY_derive_init(context) == 1 && EVP_PKEY_derive_set_peer(context, peer) == 1);
            var output = new byte[32];
            nuint length = 32;
            Check(EVP_PKEY_derive(context, output, ref length) == 1 && length == 32);
            output.CopyTo(shared);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(output);
            return ownPublic;
        }
        finally
        {
            if (context != IntPtr.Zero) EVP_PKEY_CTX_free(context);
            if (peer != IntPtr.Zero) EVP_PKEY_free(peer);
            EVP_PKEY_free(own);
        }
    }

    private static IntPtr NewPrivate(ReadOnlySpan<byte> privateKey)
    {
        var copy = privateKey.ToArray();
        try
        {
            var key = EVP_PKEY_new_raw_private_key(X25519Id, IntPtr.Zero, copy, 32);
            Check(key != IntPtr.Zero);
            return key;
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(copy);
        }
    }

    private static void Check(bool ok)
    {
        if (ok) return;
        // Leave no error on this thread's OpenSSL queue for the next user of the thread (TLS, say) to trip over.
        ERR_clear_error();
        throw new System.Security.Cryptography.CryptographicException("OpenSSL refused an X25519 operation.");
    }

    private static bool Probe()
    {
        try
        {
            // RFC 7748 section 6.1: Alice's private key, Bob's public key and their shared secret.
            var alice = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
            var bobPublic = Convert.FromHexString("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
            var expected = Convert.FromHexString("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
            var shared = new byte[32];
            var alicePublic = Agree(alice, bobPublic, shared);
            return shared.AsSpan().SequenceEqual(expected)
                && alicePublic.AsSpan().SequenceEqual(Convert.FromHexString("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
        }
        catch (Exception)
        {
            // Whatever went wrong, the managed implementation serves.
            return false;
        }
    }

    [LibraryImport(Library)] private static partial IntPtr EVP_PKEY_new_raw_private_key(int type, IntPtr engine, byte[] key, nuint length);
    [LibraryImport(Library)] private static partial IntPtr EVP_PKEY_new_raw_public_key(int type, IntPtr engine, byte[] key, nuint length);
    [LibraryImport(Library)] private static partial int EVP_PKEY_get_raw_public_key(IntPtr key, byte[] output, ref nuint length);
    [LibraryImport(Library)] private static partial void EVP_PKEY_free(IntPtr key);
    [LibraryImport(Library)] private static partial void ERR_clear_error();
    [LibraryImport(Library)] private static partial IntPtr EVP_PKEY_CTX_new(IntPtr key, IntPtr engine);
    [LibraryImport(Library)] private static partial void EVP_PKEY_CTX_free(IntPtr context);
    [LibraryImport(Library)] private static partial int EVP_PKEY_derive_init(IntPtr context);
    [LibraryImport(Library)] private static partial int EVP_PKEY_derive_set_peer(IntPtr context, IntPtr peer);
    [LibraryImport(Library)] private static partial int EVP_PKEY_derive(IntPtr context, byte[] output, ref nuint length);
}
