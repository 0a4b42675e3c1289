using Linkage.Crypto;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Network.Client;

namespace Linkage.Gateway.Tests;

/// <summary>
/// What a caller reads when the hub's signature does not hold: the reason for machines, and a sentence for people
/// that must stay a sentence (the refusal's text is part of the contract, not only its reason).
/// </summary>
public sealed class SignatureRefusalMessageTests
{
    private static readonly (byte[] PrivateKey, byte[] PublicKey) HubKey = Ed25519Keys.Generate();
    private static readonly Ed25519SignatureVerifier Trusted = new(HubKey.PublicKey, "hub-test-1");

    [Fact]
    public void A_permit_signed_by_another_key_is_refused_in_plain_words()
    {
        var (otherKey, _) = Ed25519Keys.Generate();
        byte[] permit = [0x0a, 0x01, 0x70];
        var signed = new SignedPermitData(permit, new Ed25519SignatureSigner(otherKey, "hub-test-1").Sign(permit), "hub-test-1");

        var refusal = Assert.Throws<DomainException>(() => new SignedPermitVerifier(Trusted).Verify(signed));

        Assert.Equal(ErrorReasons.PermitSignatureInvalid, refusal.Reason);
        Assert.Equal("The permit is not signed by the configured hub key.", refusal.Message);
    }

    [Fact]
    public void A_permitted_list_signed_by_another_key_is_refused_in_plain_words()
    {
        var (otherKey, _) = Ed25519Keys.Generate();
        byte[] list = [0x08, 0x01];

        var refusal = Assert.Throws<DomainException>(() =>
            new PermittedListCodec(Trusted).Read(list, new Ed25519SignatureSigner(otherKey, "hub-test-1").Sign(list), "hub-test-1"));

        Assert.Equal("The permitted list is not signed by the configured hub key.", refusal.Message);
    }
}
