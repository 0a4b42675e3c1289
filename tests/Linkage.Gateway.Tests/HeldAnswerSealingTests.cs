using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Network.Client;

namespace Linkage.Gateway.Tests;

/// <summary>
/// A held answer is sealed, when staff release it, with the key fixed when it was held: it opens with the key the
/// inquirer derived then, however long the review took and however often both sides' answer keys were replaced since.
/// </summary>
public sealed class HeldAnswerSealingTests
{
    private readonly SteppingClock _clock = new();
    private readonly AnswerKeys _provider;
    private readonly AnswerKeys _inquirer;
    private readonly EnvelopeAnswerSealer _sealer;
    private readonly EnvelopeAnswerOpener _opener = new();

    public HeldAnswerSealingTests()
    {
        _provider = new AnswerKeys(_clock);
        _inquirer = new AnswerKeys(_clock);
        _sealer = new EnvelopeAnswerSealer(_provider);
    }

    private PermitClaims Permit(string permitId) => new(permitId, "inquiry-" + permitId,
        InstitutionCode.Parse("1000082015000000"), InstitutionCode.Parse("1000082210000000"),
        AffairCode.Parse("JM00000000000139"), ProcedureCode.Parse("JT00000000013901"), InformationNameCode.Parse("TM00000000013903"),
        Symbol.Parse("S4f2b7c1e9d0a8b3c6e5f4a2d1c0b9e8a"), _inquirer.Receiving.Current.PublicKey,
        _clock.GetUtcNow(), _clock.GetUtcNow().AddMinutes(2), 2, "番号法第19条第8号");

    private static readonly ProvisionCopy[] Copies =
    [
        new(InternalAddressNumber.Parse("082210000000007"), InformationNameCode.Parse("TM00000000013903"), "2025-57-1", 1,
            new DateOnly(2025, 6, 1), null, [new ItemEntry("9N001000000000001", "158.2")]),
    ];

    [Fact]
    public void A_held_answer_released_days_later_opens_with_the_key_the_inquirer_derived_when_it_was_held()
    {
        var permit = Permit("permit-1");
        var inquirerPrivateKey = _inquirer.Receiving.Current.PrivateKey;
        var held = _sealer.KeyForHeld(permit);
        var inquirersKey = AnswerEnvelope.AnswerKey(inquirerPrivateKey, held.SenderPublicKey,
            AnswerEnvelope.AssociatedData(permit.PermitId, permit.InquiryId));
        Assert.Equal(held.Key, inquirersKey);

        _clock.Advance(TimeSpan.FromDays(3));
        Assert.NotEqual(held.SenderPublicKey, _provider.Sealing.Current.PublicKey);
        var released = _sealer.Seal(permit, Copies, held);

        Assert.Equal(held.SenderPublicKey, released.SenderPublicKey);
        var record = Assert.Single(_opener.OpenWithAnswerKey(inquirersKey, permit.PermitId, permit.InquiryId, released));
        Assert.Equal("158.2", Assert.Single(record.Items).Value);
    }

    [Fact]
    public void An_answer_sealed_with_the_current_key_instead_does_not_open_with_the_held_answer_key()
    {
        var permit = Permit("permit-2");
        var inquirersKey = AnswerEnvelope.AnswerKey(_inquirer.Receiving.Current.PrivateKey, _sealer.KeyForHeld(permit).SenderPublicKey,
            AnswerEnvelope.AssociatedData(permit.PermitId, permit.InquiryId));
        _clock.Advance(TimeSpan.FromMinutes(2));

        var sealedNow = _sealer.Seal(permit, Copies);

        var error = Assert.Throws<DomainException>(() => _opener.OpenWithAnswerKey(inquirersKey, permit.PermitId, permit.InquiryId, sealedNow));
        Assert.Equal(ErrorReasons.AnswerUndecryptable, error.Reason);
    }

    [Fact]
    public void The_key_of_one_held_answer_opens_no_other_answer_of_the_same_minute()
    {
        var first = Permit("permit-3");
        var second = Permit("permit-4");
        var firstKey = _sealer.KeyForHeld(first);
        var secondAnswer = _sealer.Seal(second, Copies);

        Assert.Throws<DomainException>(() => _opener.OpenWithAnswerKey(firstKey.Key, second.PermitId, second.InquiryId, secondAnswer));
        Assert.Single(_opener.Open(_inquirer.Receiving.Current.PrivateKey, second.PermitId, second.InquiryId, secondAnswer));
    }

    private sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}
