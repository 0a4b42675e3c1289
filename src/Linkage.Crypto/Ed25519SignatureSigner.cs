using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Linkage.Crypto;

/// <summary>Signs bytes with one Ed25519 private key (the hub's permit and list key): libsodium where it loads, BouncyCastle elsewhere.</summary>
public sealed class Ed25519SignatureSigner
{
    // Exactly one of the two is set: libsodium's expanded key, or BouncyCastle's where libsodium is not available.
    private readonly byte[]? _sodiumKey;
    private readonly Ed25519PrivateKeyParameters? _managedKey;

    public Ed25519SignatureSigner(byte[] privateKey, string keyId)
    {
        if (privateKey.Length != 32) throw new ArgumentException("An Ed25519 private key is 32 bytes.", nameof(privateKey));
        if (Sodium.IsAvailable) _sodiumKey = Sodium.SigningKey(privateKey);
        else _managedKey = new Ed25519PrivateKeyParameters(privateKey, 0);
        KeyId = keyId;
    }

    public string KeyId { get; }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        if (_sodiumKey is not null) return Sodium.Sign(data, _sodiumKey);
        var signer = new Ed25519Signer();
        signer.Init(true, _managedKey!);
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }
}
