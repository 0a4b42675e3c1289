using Org.BouncyCastle.Crypto.Parameters;

namespace Linkage.Crypto;

/// <summary>X25519 public keys and shared secrets: native OpenSSL where it is present and correct, BouncyCastle elsewhere.</summary>
public static class X25519Agreement
{
    public const int KeyLength = 32;

    public static bool IsNative => X25519Native.IsAvailable;

    public static byte[] PublicKeyOf(byte[] privateKey) => IsNative
        ? X25519Native.PublicKeyOf(privateKey)
        : new X25519PrivateKeyParameters(privateKey, 0).GeneratePublicKey().GetEncoded();

    public static byte[] SharedSecret(byte[] privateKey, byte[] peerPublicKey) => Agree(privateKey, peerPublicKey).Shared;

    /// <summary>The shared secret with the peer and our own public key, computed together (what a sealer needs).</summary>
    public static (byte[] Shared, byte[] OwnPublicKey) Agree(byte[] privateKey, byte[] peerPublicKey)
    {
        var shared = new byte[KeyLength];
        if (IsNative) return (shared, X25519Native.Agree(privateKey, peerPublicKey, shared));
        var own = new X25519PrivateKeyParameters(privateKey, 0);
        own.GenerateSecret(new X25519PublicKeyParameters(peerPublicKey, 0), shared, 0);
        return (shared, own.GeneratePublicKey().GetEncoded());
    }

    /// <summary>The managed implementation alone, so that tests can hold the two against each other.</summary>
    public static byte[] ManagedSharedSecret(byte[] privateKey, byte[] peerPublicKey)
    {
        var shared = new byte[KeyLength];
        new X25519PrivateKeyParameters(privateKey, 0).GenerateSecret(new X25519PublicKeyParameters(peerPublicKey, 0), shared, 0);
        return shared;
    }
}
