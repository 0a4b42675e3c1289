using Org.BouncyCastle.Crypto.Parameters;

namespace Linkage.Crypto;

/// <summary>
/// Verifies Ed25519 signatures with one trusted public key, configured, never taken from a message: libsodium where
/// it loads (this runs for every incoming inquiry), BouncyCastle elsewhere.
/// </summary>
public sealed class Ed25519SignatureVerifier
{
    public const int PublicKeyLength = 32;
    public const int SignatureLength = 64;

    private readonly byte[] _publicKey;

    public Ed25519SignatureVerifier(byte[] publicKey, string keyId)
    {
        if (publicKey.Length != PublicKeyLength)
            throw new ArgumentException($"An Ed25519 public key is {PublicKeyLength} bytes.", nameof(publicKey));
        _ = new Ed25519PublicKeyParameters(publicKey, 0); // refuses an encoding that is not a curve point
        _publicKey = publicKey.ToArray();
        KeyId = keyId;
    }

    public string KeyId { get; }

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength) return false;
        if (Sodium.IsAvailable) return Sodium.Verify(signature, data, _publicKey);
        return Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(signature, _publicKey, data);
    }
}
