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

    /// <summary>An all-zero secret means the peer's key is of low order; callers refuse it.</summary>
    public static byte[] SharedSecret(byte[] privateKey, byte[] peerPublicKey)
    {
        if (!IsNative) return ManagedSharedSecret(privateKey, peerPublicKey);
        var shared = new byte[KeyLength];
        Sodium.SharedSecret(privateKey, peerPublicKey, shared);
        return shared;
    }

    /// <summary>The shared secret with the peer and our own public key (what the opener of an answer needs).</summary>
    public static (byte[] Shared, byte[] OwnPublicKey) Agree(byte[] privateKey, byte[] peerPublicKey) =>
        (SharedSecret(privateKey, peerPublicKey), PublicKeyOf(privateKey));

    /// <summary>The managed implementation alone, so that tests can hold the two against each other.</summary>
    public static byte[] ManagedSharedSecret(byte[] privateKey, byte[] peerPublicKey)
    {
        var shared = new byte[KeyLength];
        // The static form leaves the secret all zero for a low-order key, as libsodium does, instead of throwing.
        Org.BouncyCastle.Math.EC.Rfc7748.X25519.CalculateAgreement(privateKey, 0, peerPublicKey, 0, shared, 0);
        return shared;
    }
}
