using Org.BouncyCastle.Crypto.Parameters;

namespace Linkage.Crypto;

/// <summary>X25519 public keys and shared secrets: libsodium where it loads and is correct, BouncyCastle elsewhere.</summary>
public static class X25519Agreement
{
    public const int KeyLength = 32;

    public static bool IsNative => Sodium.IsAvailable;

    public static byte[] PublicKeyOf(byte[] privateKey)
    {
        if (!IsNative) return new X25519PrivateKeyParameters(privateKey, 0).GeneratePublicKey().GetEncoded();
        var publicKey = new byte[KeyLength];
        Sodium.PublicKeyOf(privateKey, publicKey);
        return publicKey;
    }

    public static byte[] SharedSecret(byte[] privateKey, byte[] peerPublicKey) => Agree(privateKey, peerPublicKey).Shared;

    /// <summary>The shared secret with the peer and our own public key, computed together (what a sealer needs).
    /// An all-zero secret means the peer's key is of low order; callers refuse it.</summary>
    public static (byte[] Shared, byte[] OwnPublicKey) Agree(byte[] privateKey, byte[] peerPublicKey)
    {
        var shared = new byte[KeyLength];
        if (!IsNative)
        {
            var own = new X25519PrivateKeyParameters(privateKey, 0);
            own.GenerateSecret(new X25519PublicKeyParameters(peerPublicKey, 0), shared, 0);
            return (shared, own.GeneratePublicKey().GetEncoded());
        }
        Sodium.SharedSecret(privateKey, peerPublicKey, shared);
        return (shared, PublicKeyOf(privateKey));
    }

    /// <summary>The managed implementation alone, so that tests can hold the two against each other.</summary>
    public static byte[] ManagedSharedSecret(byte[] privateKey, byte[] peerPublicKey)
    {
        var shared = new byte[KeyLength];
        new X25519PrivateKeyParameters(privateKey, 0).GenerateSecret(new X25519PublicKeyParameters(peerPublicKey, 0), shared, 0);
        return shared;
    }
}
