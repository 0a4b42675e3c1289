using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Linkage.Crypto;

/// <summary>Verifies Ed25519 signatures with one trusted public key, configured, never taken from a message.</summary>
public sealed class Ed25519SignatureVerifier
{
    public const int PublicKeyLength = 32;
    public const int SignatureLength = 64;

    private readonly Ed25519PublicKeyParameters _key;

    public Ed25519SignatureVerifier(byte[] publicKey, string keyId)
    {
        if (publicKey.Length != PublicKeyLength)
            throw new ArgumentException($"An Ed25519 public key is {PublicKeyLength} bytes.", nameof(publicKey));
        _key = new Ed25519PublicKeyParameters(publicKey, 0);
        KeyId = keyId;
    }

    public string KeyId { get; }

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength) return false;
        var verifier = new Ed25519Signer();
        verifier.Init(false, _key);
        verifier.BlockUpdate(data);
        return verifier.VerifySignature(signature.ToArray());
    }
}
