using Google.Protobuf;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Answers;
using Linkage.Domain.Errors;
using Linkage.Network.Client;

namespace Linkage.Gateway.Tests;

/// <summary>The inquirer's side of answer encryption: an altered answer is refused with its reason, never half-read.</summary>
public sealed class AnswerOpenerTests
{
    private readonly X25519KeyPair _keys = X25519KeyPair.Generate();
    private readonly EnvelopeAnswerOpener _opener = new();

    private SealedAnswer Seal(string permitId, string inquiryId)
    {
        var answer = new Answer { Records = { new AnswerRecord { RecordKey = "2025-57-1", Version = 1, Items = { new AnswerItem { ItemCode = "9N001000000000001", Value = "158.2" } } } } };
        return AnswerEnvelope.Seal(_keys.PublicKey, answer.ToByteArray(), AnswerEnvelope.AssociatedData(permitId, inquiryId));
    }

    [Fact]
    public void An_untouched_answer_opens_into_its_records()
    {
        var record = Assert.Single(_opener.Open(_keys.PrivateKey, "p1", "i1", Seal("p1", "i1")));
        Assert.Equal("158.2", Assert.Single(record.Items).Value);
    }

    [Fact]
    public void A_tampered_answer_is_refused_as_undecryptable()
    {
        var sealedAnswer = Seal("p1", "i1");
        var ciphertext = sealedAnswer.Ciphertext.ToArray();
        ciphertext[3] ^= 0x20;
        var error = Assert.Throws<DomainException>(() => _opener.Open(_keys.PrivateKey, "p1", "i1", sealedAnswer with { Ciphertext = ciphertext }));
        Assert.Equal(ErrorReasons.AnswerUndecryptable, error.Reason);
    }

    [Fact]
    public void An_answer_to_another_inquiry_is_refused_as_undecryptable()
    {
        var error = Assert.Throws<DomainException>(() => _opener.Open(_keys.PrivateKey, "p1", "i2", Seal("p1", "i1")));
        Assert.Equal(ErrorReasons.AnswerUndecryptable, error.Reason);
    }

    [Fact]
    public void An_answer_crosses_the_wire_with_its_envelope_version_and_opens()
    {
        var wire = NetworkWire.ToWire(Seal("p1", "i1"));
        Assert.Equal(AnswerEnvelope.Version, wire.EnvelopeVersion);
        var record = Assert.Single(_opener.Open(_keys.PrivateKey, "p1", "i1", NetworkWire.FromWire(wire)!));
        Assert.Equal("158.2", Assert.Single(record.Items).Value);
    }

    [Theory]
    [InlineData(0u)] // sealed by a gateway from before versions were named (v1)
    [InlineData(3u)]
    public void An_answer_in_another_envelope_version_is_refused_by_its_version_before_decryption(uint version)
    {
        var wire = NetworkWire.ToWire(Seal("p1", "i1"));
        wire.EnvelopeVersion = version;
        var error = Assert.Throws<DomainException>(() => NetworkWire.FromWire(wire));
        Assert.Equal(ErrorReasons.AnswerUndecryptable, error.Reason);
        Assert.Contains($"version {version}", error.Message);
    }
}
