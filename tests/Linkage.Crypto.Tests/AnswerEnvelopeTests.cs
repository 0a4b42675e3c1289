using System.Security.Cryptography;
using System.Text;
using Linkage.Domain.Answers;

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
        Assert.Equal(first.SenderPublicKey, second.SenderPublicKey);
        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.Equal(Plaintext, AnswerEnvelope.Open(_inquirer.PrivateKey, first, _aad));
        Assert.Equal(Plaintext, AnswerEnvelope.Open(other.PrivateKey, second, _aad));
        Assert.ThrowsAny<CryptographicException>(() => AnswerEnvelope.Open(other.PrivateKey, first, _aad));

        clock.Advance(TimeSpan.FromSeconds(61));
        var later = AnswerEnvelope.Seal(answerKey.Current, _inquirer.PublicKey, Plaintext, _aad);
        Assert.NotEqual(first.SenderPublicKey, later.SenderPublicKey);
        Assert.Equal(Plaintext, AnswerEnvelope.Open(_inquirer.PrivateKey, later, _aad));

        // A clock set back must not keep a key alive past its minute either.
        clock.Advance(TimeSpan.FromHours(-2));
        Assert.NotEqual(later.SenderPublicKey, answerKey.Current.PublicKey);
    }

    [Fact]
    public void A_generation_agrees_with_each_inquirer_key_once_and_still_gives_every_answer_its_own_key()
    {
        var sender = new AnswerKeyGeneration(X25519KeyPair.Generate());
        var secondAad = AnswerEnvelope.AssociatedData("permit-2", "inquiry-2");
        var first = AnswerEnvelope.Seal(sender, _inquirer.PublicKey, Plaintext, _aad);
        var second = AnswerEnvelope.Seal(sender, _inquirer.PublicKey, Plaintext, secondAad);
        Assert.Equal(1, sender.RememberedPeers);
        Assert.Equal(Plaintext, AnswerEnvelope.Open(_inquirer.PrivateKey, first, _aad));
        Assert.Equal(Plaintext, AnswerEnvelope.Open(_inquirer.PrivateKey, second, secondAad));

        // Under its own ids the second answer fails only if its key is not the first answer's.
        var firstKey = AnswerEnvelope.AnswerKey(_inquirer.PrivateKey, first.SenderPublicKey, _aad);
        Assert.ThrowsAny<CryptographicException>(() => AnswerEnvelope.OpenWithKey(firstKey, second, secondAad));
    }

    [Fact]
    public void A_generation_agrees_with_an_inquirer_key_once_whichever_copy_of_the_key_it_is_given()
    {
        var sender = new AnswerKeyGeneration(X25519KeyPair.Generate());
        var first = sender.SealingSecretFor(_inquirer.PublicKey.ToArray());
        var second = sender.SealingSecretFor(_inquirer.PublicKey.ToArray());
        Assert.Same(first, second);
        Assert.Equal(1, sender.RememberedPeers);
    }

    [Fact]
    public void Ids_holding_a_separator_never_share_their_associated_data_with_another_pair()
    {
        Assert.NotEqual(AnswerEnvelope.AssociatedData("a\nb", "c"), AnswerEnvelope.AssociatedData("a", "b\nc"));
        Assert.NotEqual(AnswerEnvelope.AssociatedData("ab", ""), AnswerEnvelope.AssociatedData("a", "b"));
        var sealedAnswer = AnswerEnvelope.Seal(_inquirer.PublicKey, Plaintext, AnswerEnvelope.AssociatedData("a\nb", "c"));
        Assert.ThrowsAny<CryptographicException>(() =>
            AnswerEnvelope.Open(_inquirer.PrivateKey, sealedAnswer, AnswerEnvelope.AssociatedData("a", "b\nc")));
    }

    [Fact]
    public void A_sealed_answer_opens_with_AES_GCM_under_the_v2_key_derived_by_hand()
    {
        var sealedAnswer = AnswerEnvelope.Seal(_inquirer.PublicKey, Plaintext, AnswerEnvelope.AssociatedData("許可-1", "inquiry-1"));

        // Each id with its byte length (4 bytes, big-endian) before it: "許可-1" is 8 bytes of UTF-8.
        byte[] associatedData = [0, 0, 0, 8, .. Encoding.UTF8.GetBytes("許可-1"), 0, 0, 0, 9, .. Encoding.UTF8.GetBytes("inquiry-1")];
        var shared = X25519Agreement.SharedSecret(_inquirer.PrivateKey, sealedAnswer.SenderPublicKey);
        var pseudorandomKey = HKDF.Extract(HashAlgorithmName.SHA256, shared, [.. sealedAnswer.SenderPublicKey, .. _inquirer.PublicKey]);
        var key = HKDF.Expand(HashAlgorithmName.SHA256, pseudorandomKey, 32,
            [.. Encoding.ASCII.GetBytes("linkage answer envelope v2\n"), .. associatedData]);

        Assert.Equal(12, sealedAnswer.Nonce.Length);
        var ciphertext = sealedAnswer.Ciphertext.AsSpan(0, sealedAnswer.Ciphertext.Length - 16);
        var tag = sealedAnswer.Ciphertext.AsSpan(ciphertext.Length);
        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedAnswer.Nonce, ciphertext, tag, plaintext, associatedData);
        Assert.Equal(Plaintext, plaintext);
    }

    [Fact]
    public void The_provider_and_the_inquirer_derive_the_same_answer_key_and_another_permit_or_inquiry_gets_another()
    {
        var sender = new AnswerKeyGeneration(X25519KeyPair.Generate());
        var providers = AnswerEnvelope.AnswerKey(sender, _inquirer.PublicKey, _aad);
        var inquirers = AnswerEnvelope.AnswerKey(_inquirer.PrivateKey, sender.PublicKey, _aad);
        Assert.Equal(providers, inquirers);
        Assert.Equal(AnswerEnvelope.KeyLength, providers.Length);
        Assert.NotEqual(providers, AnswerEnvelope.AnswerKey(sender, _inquirer.PublicKey, AnswerEnvelope.AssociatedData("permit-2", "inquiry-1")));
        Assert.NotEqual(providers, AnswerEnvelope.AnswerKey(sender, _inquirer.PublicKey, AnswerEnvelope.AssociatedData("permit-1", "inquiry-2")));
    }

    [Fact]
    public void An_answer_sealed_with_a_held_answer_key_opens_with_that_key_and_with_the_inquirers_private_key()
    {
        var sender = new AnswerKeyGeneration(X25519KeyPair.Generate());
        var answerKey = AnswerEnvelope.AnswerKey(sender, _inquirer.PublicKey, _aad);
        var sealedAnswer = AnswerEnvelope.SealWithKey(answerKey, sender.PublicKey, Plaintext, _aad);
        Assert.Equal(sender.PublicKey, sealedAnswer.SenderPublicKey);
        Assert.Equal(Plaintext, AnswerEnvelope.OpenWithKey(answerKey, sealedAnswer, _aad));
        Assert.Equal(Plaintext, AnswerEnvelope.Open(_inquirer.PrivateKey, sealedAnswer, _aad));
    }

    [Fact]
    public void A_gateway_seals_and_receives_with_two_different_keys_each_kept_for_its_minute()
    {
        var clock = new SteppingClock();
        var keys = new AnswerKeys(clock);
        var sealing = keys.Sealing.Current;
        var receiving = keys.Receiving.Current;
        Assert.NotEqual(sealing.PublicKey, receiving.PublicKey);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Same(sealing, keys.Sealing.Current);
        Assert.Same(receiving, keys.Receiving.Current);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotEqual(sealing.PublicKey, keys.Sealing.Current.PublicKey);
        Assert.NotEqual(receiving.PublicKey, keys.Receiving.Current.PublicKey);
    }

    [Fact]
    public void A_low_order_inquirer_key_is_refused_and_never_remembered()
    {
        var sender = new AnswerKeyGeneration(X25519KeyPair.Generate());
        Assert.ThrowsAny<CryptographicException>(() => AnswerEnvelope.Seal(sender, new byte[32], Plaintext, _aad));
        Assert.ThrowsAny<CryptographicException>(() => AnswerEnvelope.Seal(sender, new byte[32], Plaintext, _aad));
        Assert.Equal(0, sender.RememberedPeers);
    }

    [Fact]
    public void A_generation_remembers_a_bounded_number_of_inquirer_keys_and_seals_for_more_all_the_same()
    {
        var sender = new AnswerKeyGeneration(X25519KeyPair.Generate());
        var inquirers = Enumerable.Range(0, AnswerKeyGeneration.MaxRememberedPeers + 2).Select(_ => X25519KeyPair.Generate()).ToList();
        var sealedAnswers = inquirers.Select(i => AnswerEnvelope.Seal(sender, i.PublicKey, Plaintext, _aad)).ToList();
        Assert.Equal(AnswerKeyGeneration.MaxRememberedPeers, sender.RememberedPeers);
        Assert.Equal(Plaintext, AnswerEnvelope.Open(inquirers[^1].PrivateKey, sealedAnswers[^1], _aad));
        Assert.Equal(Plaintext, AnswerEnvelope.Open(inquirers[0].PrivateKey, sealedAnswers[0], _aad));
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
        Assert.NotEqual(first.SenderPublicKey, second.SenderPublicKey);
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
            _ => s with { SenderPublicKey = Flip(s.SenderPublicKey) },
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
