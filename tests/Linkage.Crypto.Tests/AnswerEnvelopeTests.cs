using System.Security.Cryptography;
using System.Text;
using Linkage.Crypto;
using Linkage.Domain.Provision;

namespace Linkage.Crypto.Tests;

public sealed class AnswerEnvelopeTests
{
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("骨密度 0.82 g/cm2");
    private readonly X25519KeyPair _inquirer = X25519KeyPair.Generate();
    private readonly byte[] _aad = AnswerEnvelope.AssociatedData("permit-1", "inquiry-1");

    [Fact]
    public void The_inquirer_opens_what_was_sealed_to_its_key()
    {
        var sealedAnswer = AnswerEnvelope.Seal(_inquirer.PublicKey, Plaintext, _aad);
        Assert.Equal(Plaintext, AnswerEnvelope.Open(_inquirer.PrivateKey, sealedAnswer, _aad));
        Assert.False(sealedAnswer.Ciphertext.AsSpan().IndexOf(Plaintext.AsSpan(0, 6)) >= 0);
    }

    [Fact]
    public void The_providers_answer_key_serves_a_minute_and_every_answer_still_opens_with_its_inquirers_key_alone()
    {
        var clock = new SteppingClock();
        var answerKey = new RotatingAnswerKey(clock, TimeSpan.FromMinutes(1));
        var other = X25519KeyPair.Generate();
        var first = AnswerEnvelope.Seal(answerKey.Current, _inquirer.PublicKey, Plaintext, _aad);
        var second = AnswerEnvelope.Seal(answerKey.Current, other.PublicKey, Plaintext, _aad);
        Assert.Equal(first.EphemeralPublicKey, second.EphemeralPublicKey);
        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.Equal(Plaintext, AnswerEnvelope.Open(_inquirer.PrivateKey, first, _aad));
        Assert.Equal(Plaintext, AnswerEnvelope.Open(other.PrivateKey, second, _aad));
        Assert.ThrowsAny<CryptographicException>(() => AnswerEnvelope.Open(other.PrivateKey, first, _aad));

        clock.Advance(TimeSpan.FromSeconds(61));
        var later = AnswerEnvelope.Seal(answerKey.Current, _inquirer.PublicKey, Plaintext, _aad);
        Assert.NotEqual(first.EphemeralPublicKey, later.EphemeralPublicKey);
        Assert.Equal(Plaintext, AnswerEnvelope.Open(_inquirer.PrivateKey, later, _aad));

        // A clock set back must not keep a key alive past its minute either.
        clock.Advance(TimeSpan.FromHours(-2));
        Assert.NotEqual(later.EphemeralPublicKey, answerKey.Current.PublicKey);
    }

    private sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }

    [Fact]
    public void Each_seal_uses_a_fresh_ephemeral_key_and_nonce()
    {
        var first = AnswerEnvelope.Seal(_inquirer.PublicKey, Plaintext, _aad);
        var second = AnswerEnvelope.Seal(_inquirer.PublicKey, Plaintext, _aad);
        Assert.NotEqual(first.EphemeralPublicKey, second.EphemeralPublicKey);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    [Fact]
    public void Another_key_cannot_open_it()
    {
        var sealedAnswer = AnswerEnvelope.Seal(_inquirer.PublicKey, Plaintext, _aad);
        Assert.ThrowsAny<CryptographicException>(() => AnswerEnvelope.Open(X25519KeyPair.Generate().PrivateKey, sealedAnswer, _aad));
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("nonce")]
    [InlineData("ephemeral")]
    public void A_tampered_answer_does_not_open(string part)
    {
        var s = AnswerEnvelope.Seal(_inquirer.PublicKey, Plaintext, _aad);
        var tampered = part switch
        {
            "ciphertext" => s with { Ciphertext = Flip(s.Ciphertext) },
            "nonce" => s with { Nonce = Flip(s.Nonce) },
            _ => s with { EphemeralPublicKey = Flip(s.EphemeralPublicKey) },
        };
        Assert.ThrowsAny<CryptographicException>(() => AnswerEnvelope.Open(_inquirer.PrivateKey, tampered, _aad));
    }

    [Fact]
    public void An_answer_moved_to_another_permit_does_not_open()
    {
        var sealedAnswer = AnswerEnvelope.Seal(_inquirer.PublicKey, Plaintext, _aad);
        Assert.ThrowsAny<CryptographicException>(() =>
            AnswerEnvelope.Open(_inquirer.PrivateKey, sealedAnswer, AnswerEnvelope.AssociatedData("permit-2", "inquiry-1")));
    }

    [Fact]
    public void A_malformed_envelope_is_refused_before_decryption()
    {
        Assert.ThrowsAny<CryptographicException>(() =>
            AnswerEnvelope.Open(_inquirer.PrivateKey, new SealedAnswer(new byte[5], new byte[12], new byte[20]), _aad));
        Assert.ThrowsAny<CryptographicException>(() => AnswerEnvelope.Seal(new byte[31], Plaintext, _aad));
    }

    private static byte[] Flip(byte[] bytes)
    {
        var copy = bytes.ToArray();
        copy[^1] ^= 0x01;
        return copy;
    }
}
