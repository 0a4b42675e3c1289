using System.Text;

namespace Linkage.Crypto.Tests;

public sealed class SignatureTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("permit bytes");

    [Fact]
    public void A_signature_verifies_with_the_matching_public_key_only()
    {
        var (privateKey, publicKey) = Ed25519Keys.Generate();
        var signature = new Ed25519SignatureSigner(privateKey, "k1").Sign(Data);
        Assert.True(new Ed25519SignatureVerifier(publicKey, "k1").Verify(Data, signature));
        Assert.Equal(publicKey, Ed25519Keys.PublicKeyOf(privateKey));

        var (_, otherPublic) = Ed25519Keys.Generate();
        Assert.False(new Ed25519SignatureVerifier(otherPublic, "k1").Verify(Data, signature));
    }

    [Fact]
    public void Altered_data_or_signature_fails()
    {
        var (privateKey, publicKey) = Ed25519Keys.Generate();
        var verifier = new Ed25519SignatureVerifier(publicKey, "k1");
        var signature = new Ed25519SignatureSigner(privateKey, "k1").Sign(Data);
        Assert.False(verifier.Verify(Encoding.UTF8.GetBytes("permit bytez"), signature));
        signature[0] ^= 1;
        Assert.False(verifier.Verify(Data, signature));
        Assert.False(verifier.Verify(Data, signature.AsSpan(0, 63)));
    }

    [Fact]
    public void Libsodium_and_bouncycastle_agree_on_signatures_and_on_what_fails()
    {
        Assert.True(Sodium.IsAvailable || !OperatingSystem.IsLinux(), "libsodium must load on Linux x64");
        for (var i = 0; i < 50; i++)
        {
            var (privateKey, publicKey) = Ed25519Keys.Generate();
            var data = System.Security.Cryptography.RandomNumberGenerator.GetBytes(i * 7);
            var signature = new Ed25519SignatureSigner(privateKey, "k1").Sign(data);

            // Ed25519 signatures are deterministic: both implementations must produce the same bytes.
            var managed = new Org.BouncyCastle.Crypto.Signers.Ed25519Signer();
            managed.Init(true, new Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters(privateKey, 0));
            managed.BlockUpdate(data, 0, data.Length);
            Assert.Equal(managed.GenerateSignature(), signature);

            var altered = signature.ToArray();
            altered[i % 64] ^= (byte)(1 << (i % 8));
            foreach (var candidate in new[] { signature, altered })
                Assert.Equal(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(candidate, publicKey, data),
                    new Ed25519SignatureVerifier(publicKey, "k1").Verify(data, candidate));
        }
    }

    [Fact]
    public void A_public_key_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new Ed25519SignatureVerifier(new byte[31], "k1"));
    }
}
