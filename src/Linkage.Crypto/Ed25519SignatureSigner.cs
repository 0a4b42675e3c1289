using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Linkage.Crypto;

/// <summary>Signs bytes with one Ed25519 private key (the hub's permit and list key).</summary>
public sealed class Ed25519SignatureSigner(byte[] privateKey, string keyId)
{
    private readonly Ed25519PrivateKeyParameters _key = new(privateKey, 0);

    public string KeyId { get; } = keyId;

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }
}
