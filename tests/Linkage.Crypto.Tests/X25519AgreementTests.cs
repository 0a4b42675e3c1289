using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;

namespace Linkage.Crypto.Tests;

public sealed class X25519AgreementTests
{
    [Fact]
    public void The_rfc_7748_vector_holds()
    {
        var alice = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        var bob = Convert.FromHexString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        var shared = Convert.FromHexString("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        Assert.Equal(shared, X25519Agreement.SharedSecret(alice, X25519Agreement.PublicKeyOf(bob)));
        Assert.Equal(shared, X25519Agreement.SharedSecret(bob, X25519Agreement.PublicKeyOf(alice)));
    }

    [Fact]
    public void Native_and_managed_implementations_agree_on_random_keys()
    {
        for (var i = 0; i < 50; i++)
        {
            var a = RandomNumberGenerator.GetBytes(32);
            var b = RandomNumberGenerator.GetBytes(32);
            var bPublic = new X25519PrivateKeyParameters(b, 0).GeneratePublicKey().GetEncoded();
            Assert.Equal(bPublic, X25519Agreement.PublicKeyOf(b));
            Assert.Equal(X25519Agreement.ManagedSharedSecret(a, bPublic), X25519Agreement.SharedSecret(a, bPublic));
        }
    }

    [Fact]
    public void A_low_order_peer_key_gives_an_all_zero_secret_that_sealing_refuses()
    {
        // The point of order 1 (u = 0): every scalar multiple is zero.
        var lowOrder = new byte[32];
        var (shared, _) = X25519Agreement.Agree(RandomNumberGenerator.GetBytes(32), lowOrder);
        Assert.All(shared, b => Assert.Equal(0, b));
        Assert.Throws<CryptographicException>(() => AnswerEnvelope.Seal(lowOrder, new byte[10], new byte[1]));
    }

    [Fact]
    public void On_this_machine_kind_the_native_implementation_is_used()
    {
        // The libsodium package ships the native library for Linux x64; elsewhere the managed fallback may serve.
        if (OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture
            == System.Runtime.InteropServices.Architecture.X64)
            Assert.True(X25519Agreement.IsNative);
    }
}
