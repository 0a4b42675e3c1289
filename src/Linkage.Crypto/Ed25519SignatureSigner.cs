using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Linkage.Crypto;

/// <summary>Signs bytes with one Ed25519 private key (the hub's permit and list key): libsodium where it loads, BouncyCastle elsewhere.</summary>
public sealed class Ed25519SignatureSigner
{
    private readonly byte[]? _sodiumKey;
    private readonly Ed25519PrivateKeyParameters _key;

    public Ed25519SignatureSigner(byte[] privateKey, string keyId)
    {
        _key = new Ed25519PrivateKeyParameters(privateKey, 0);
        _sodiumKey = Sodium.IsAvailable ? Sodium.SigningKey(privateKey) : null;
        KeyId = keyId;
    }

    public string KeyId { get; }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        if (_sodiumKey is not null) return Sodium.Sign(data, _sodiumKey);
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }
}
