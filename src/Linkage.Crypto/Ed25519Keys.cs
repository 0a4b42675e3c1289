using Org.BouncyCastle.Crypto.Parameters;


namespace Linkage.Crypto;

/// <summary>Raw 32-byte Ed25519 keys, as kept in configuration (base64).</summary>
public static class Ed25519Keys
{
    public static (byte[] PrivateKey, byte[] PublicKey) Generate()
    {
        var privateKey = new Ed25519PrivateKeyParameters(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), 0);
        return (privateKey.GetEncoded(), privateKey.GeneratePublicKey().GetEncoded());
    }

    public static byte[] PublicKeyOf(byte[] privateKey) =>
        new Ed25519PrivateKeyParameters(privateKey, 0).GeneratePublicKey().GetEncoded();
}
