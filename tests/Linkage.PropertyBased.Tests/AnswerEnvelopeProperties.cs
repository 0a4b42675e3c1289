using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Google.Protobuf;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Answers;
using Linkage.Domain.Errors;
using Linkage.Network.Client;
using static Linkage.PropertyBased.Tests.Generators;

namespace Linkage.PropertyBased.Tests;

/// <summary>
/// The end-to-end encrypted answer: it opens into exactly what was sealed, for exactly the permit and inquiry it was
/// sealed for, and anything else (a changed bit, other ids, bytes of any shape) is refused as undecryptable.
/// </summary>
public sealed class AnswerEnvelopeProperties
{
    private static readonly X25519KeyPair Inquirer = X25519KeyPair.Generate();
    private static readonly AnswerKeyGeneration Provider = new(X25519KeyPair.Generate());
    private static readonly EnvelopeAnswerOpener Opener = new();

    private static Gen<(string PermitId, string InquiryId)> Ids => Gen.Two(Text);

    private static Gen<Answer> AnswerOf =>
        Gen.ListOf(from key in Text
                   from version in ArbMap.Default.GeneratorFor<int>()
                   from days in Gen.Two(Text)
                   from items in Gen.ListOf(Gen.Two(Text))
                   select new AnswerRecord
                   {
                       RecordKey = key, Version = version, ValidFrom = days.Item1, ValidTo = days.Item2,
                       Items = { items.Select(i => new AnswerItem { ItemCode = i.Item1, Value = i.Item2 }) },
                   })
            .Select(records => new Answer { Records = { records } });

    private static SealedAnswer Seal(byte[] plaintext, (string PermitId, string InquiryId) ids) =>
        AnswerEnvelope.Seal(Provider, Inquirer.PublicKey, plaintext, AnswerEnvelope.AssociatedData(ids.PermitId, ids.InquiryId));

    [Property]
    public FsCheck.Property Any_plaintext_opens_into_itself_with_the_inquirers_key_and_with_the_held_answer_key() =>
        Prop.ForAll(Gen.Zip(Bytes, Ids).ToArbitrary(), c =>
        {
            var (plaintext, ids) = c;
            var associated = AnswerEnvelope.AssociatedData(ids.PermitId, ids.InquiryId);
            var sealedAnswer = Seal(plaintext, ids);
            Assert.Equal(plaintext, AnswerEnvelope.Open(Inquirer.PrivateKey, sealedAnswer, associated));
            // Both sides derive the same key for a held answer, and it opens the answer without either private key.
            var providerSide = AnswerEnvelope.AnswerKey(Provider, Inquirer.PublicKey, associated);
            Assert.Equal(providerSide, AnswerEnvelope.AnswerKey(Inquirer.PrivateKey, Provider.PublicKey, associated));
            Assert.Equal(plaintext, AnswerEnvelope.OpenWithKey(providerSide, sealedAnswer, associated));
        });

    [Property]
    public FsCheck.Property An_answers_records_open_as_sealed() => Prop.ForAll(Gen.Zip(AnswerOf, Ids).ToArbitrary(), c =>
    {
        var (answer, ids) = c;
        var opened = Opener.Open(Inquirer.PrivateKey, ids.PermitId, ids.InquiryId, Seal(answer.ToByteArray(), ids));
        Assert.Equal(
            answer.Records.Select(r => (r.RecordKey, r.Version, r.ValidFrom, r.ValidTo, string.Join('\u0001', r.Items.Select(i => i.ItemCode + '\u0002' + i.Value)))),
            opened.Select(r => (r.RecordKey, r.Version, r.ValidFrom, r.ValidTo, string.Join('\u0001', r.Items.Select(i => i.ItemCode + '\u0002' + i.Value)))));
    });

    [Property]
    public FsCheck.Property Any_single_bit_changed_in_a_sealed_answer_is_refused_as_undecryptable() =>
        Prop.ForAll((from p in Bytes from i in Ids from n in Gen.Choose(0, int.MaxValue) select (p, i, n)).ToArbitrary(), c =>
        {
            var (plaintext, ids, n) = c;
            var s = Seal(plaintext, ids);
            var bits = (s.SenderPublicKey.Length + s.Nonce.Length + s.Ciphertext.Length) * 8;
            var bit = n % bits;
            // X25519 ignores the top bit of a public key; the envelope must not: the key is part of the derivation's salt.
            var changed = bit < s.SenderPublicKey.Length * 8 ? s with { SenderPublicKey = FlipBit(s.SenderPublicKey, bit) }
                : (bit -= s.SenderPublicKey.Length * 8) < s.Nonce.Length * 8 ? s with { Nonce = FlipBit(s.Nonce, bit) }
                : s with { Ciphertext = FlipBit(s.Ciphertext, bit - s.Nonce.Length * 8) };
            var refusal = Assert.Throws<DomainException>(() => Opener.Open(Inquirer.PrivateKey, ids.PermitId, ids.InquiryId, changed));
            Assert.Equal(ErrorReasons.AnswerUndecryptable, refusal.Reason);
        });

    [Property]
    public FsCheck.Property An_answer_is_refused_under_any_other_permit_or_inquiry() =>
        Prop.ForAll((from p in Bytes from a in Ids from b in Ids where a != b select (p, a, b)).ToArbitrary(), c =>
        {
            var (plaintext, sealedFor, openedAs) = c;
            var refusal = Assert.Throws<DomainException>(() =>
                Opener.Open(Inquirer.PrivateKey, openedAs.PermitId, openedAs.InquiryId, Seal(plaintext, sealedFor)));
            Assert.Equal(ErrorReasons.AnswerUndecryptable, refusal.Reason);
        });

    [Property(MaxTest = 300)]
    public FsCheck.Property A_sealed_answer_of_any_shape_is_refused_as_undecryptable_and_never_otherwise() =>
        Prop.ForAll((from key in Gen.OneOf(Bytes, BytesOf(32)) from nonce in Gen.OneOf(Bytes, BytesOf(12)) from text in Bytes
                     from mine in Gen.Elements(true, false) select (key, nonce, text, mine)).ToArbitrary(), c =>
        {
            var sealedAnswer = new SealedAnswer(c.Item1, c.Item2, c.Item3);
            var refusal = Assert.Throws<DomainException>(() => c.Item4
                ? Opener.Open(Inquirer.PrivateKey, "p", "i", sealedAnswer)
                : Opener.OpenWithAnswerKey(RandomNumberGenerator.GetBytes(AnswerEnvelope.KeyLength), "p", "i", sealedAnswer));
            Assert.Equal((ErrorKind.FailedPrecondition, ErrorReasons.AnswerUndecryptable), (refusal.Kind, refusal.Reason));
        });

    [Property]
    public FsCheck.Property An_answer_crosses_the_wire_unchanged_in_this_envelope_version_only() =>
        Prop.ForAll((from p in Bytes from i in Ids from v in ArbMap.Default.GeneratorFor<uint>() select (p, i, v)).ToArbitrary(), c =>
        {
            var sealedAnswer = Seal(c.Item1, c.Item2);
            var wire = EncryptedPayload.Parser.ParseFrom(sealedAnswer.ToWire().ToByteArray());
            Assert.Equal(sealedAnswer.Ciphertext, NetworkWire.FromWire(wire)!.Ciphertext);
            wire.EnvelopeVersion = c.Item3 == AnswerEnvelope.Version ? c.Item3 + 1 : c.Item3;
            Assert.Equal(ErrorReasons.AnswerUndecryptable, Assert.Throws<DomainException>(() => NetworkWire.FromWire(wire)).Reason);
        });
}
