using System.Security.Cryptography;

namespace Linkage.Crypto;

/// <summary>An X25519 key pair for answer encryption (see <see cref="RotatingAnswerKey"/> for how long one lives).</summary>
public sealed class X25519KeyPair
{
    private X25519KeyPair(byte[] privateKey, byte[] publicKey)
    {
        PrivateKey = privateKey;
        PublicKey = publicKey;
    }

    public byte[] PrivateKey { get; }
    public byte[] PublicKey { get; }

    public static X25519KeyPair Generate()
    {
        var privateKey = RandomNumberGenerator.GetBytes(X25519Agreement.KeyLength);
        return new X25519KeyPair(privateKey, X25519Agreement.PublicKeyOf(privateKey));
    }
}
