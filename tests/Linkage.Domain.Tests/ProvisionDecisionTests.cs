using Linkage.Domain.Answers;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Tests;

/// <summary>
/// Once the permit passed, the provider decides by the person behind the symbol and the current copy: provided (sealed
/// from the copy valid today), not provided with <c>NO_DATA</c> or <c>SYMBOL_UNKNOWN</c>, or held for review by a
/// deadline of now plus the review window.
/// </summary>
public sealed class ProvisionDecisionTests
{
    private readonly ProvisionScenario _provider = new();

    [Fact]
    public async Task A_known_person_with_a_current_copy_is_provided_the_copy_sealed_to_the_inquirer()
    {
        _provider.Copies.Stored.Add(Seed.Copy(recordKey: "2024-57-1") with { ValidTo = new DateOnly(2025, 5, 31) }); // no longer valid

        var result = await _provider.ProvideAsync(Seed.Permit());

        Assert.Equal(Seed.InquiryId, result.InquiryId);
        Assert.Equal(Seed.PermitId, result.PermitId);
        Assert.Equal(ProvisionOutcome.Provided, result.Outcome);
        Assert.Equal("", result.Reason);
        Assert.NotNull(result.Answer);
        Assert.Equal(FakeSealer.Names([Seed.Copy()]), result.Answer.Ciphertext);
        Assert.Null(result.HeldSenderPublicKey);
        var (sealedFor, key) = Assert.Single(_provider.Sealer.Seals);
        Assert.Equal(Seed.PermitId, sealedFor.PermitId);
        Assert.Null(key); // sealed to the inquirer's key now, not with a held answer's key
        Assert.Empty(_provider.Held.Saved);
    }

    [Fact]
    public async Task A_known_person_without_a_current_copy_is_not_provided_for_no_data()
    {
        _provider.Copies.Stored.Clear();
        _provider.Copies.Stored.Add(Seed.Copy() with { ValidFrom = new DateOnly(2025, 7, 2) }); // valid only from tomorrow

        var result = await _provider.ProvideAsync(Seed.Permit());

        Assert.Equal(ProvisionOutcome.NotProvided, result.Outcome);
        Assert.Equal(ErrorReasons.NoData, result.Reason);
        Assert.Null(result.Answer);
        Assert.Empty(_provider.Sealer.Seals);
        Assert.True(_provider.Guard.IsReserved(Seed.PermitId)); // an answer left: the permit is used
    }

    [Fact]
    public async Task A_symbol_that_names_nobody_here_is_not_provided_for_an_unknown_symbol()
    {
        var permit = Seed.Permit() with { ProviderSymbol = Codes.Symbol.Parse("S0000000000000000000000000000000f") };

        var result = await _provider.ProvideAsync(permit);

        Assert.Equal(ProvisionOutcome.NotProvided, result.Outcome);
        Assert.Equal(ErrorReasons.SymbolUnknown, result.Reason);
        Assert.Null(result.Answer);
        Assert.Empty(_provider.Sealer.Seals);
        Assert.True(_provider.Guard.IsReserved(Seed.PermitId));
    }

    [Fact]
    public async Task A_held_answer_is_kept_for_review_with_its_key_until_the_deadline()
    {
        _provider.Holds = new HoldEverything("DV_SUPPORT");
        var permit = Seed.Permit();
        var inquiry = ProvisionScenario.InquiryFor(permit);

        var result = await _provider.ProvideAsync(permit, inquiry);

        Assert.Equal(ProvisionOutcome.Held, result.Outcome);
        Assert.Equal("DV_SUPPORT", result.Reason);
        Assert.Null(result.Answer); // nothing is built until approval
        Assert.Empty(_provider.Sealer.Seals);
        Assert.Same(_provider.Sealer.HeldKey.SenderPublicKey, result.HeldSenderPublicKey);

        var held = Assert.Single(_provider.Held.Saved);
        Assert.Equal(Seed.PermitId, held.PermitId);
        Assert.Equal(Seed.InquiryId, held.InquiryId);
        Assert.Same(inquiry.Permit, held.Permit); // the permit as the hub signed it, to verify again at approval
        Assert.Equal(Seed.Person, held.Person);
        Assert.Equal(Seed.Osteoporosis, held.InformationName.Value);
        Assert.Equal("DV_SUPPORT", held.HoldReason);
        Assert.Equal(Seed.Now, held.ReceivedAt);
        Assert.Equal(Seed.Now + ProvisionScenario.ReviewWindow, held.Deadline);
        Assert.Same(_provider.Sealer.HeldKey, held.AnswerKey);
        Assert.True(_provider.Guard.IsReserved(Seed.PermitId));
    }

    [Fact]
    public async Task A_held_answer_that_cannot_be_kept_is_an_internal_error_and_leaves_no_held_response_behind()
    {
        _provider.Holds = new HoldEverything("DV_SUPPORT");
        var failure = new IOException("disk full");
        _provider.Held.Failure = failure;

        var thrown = await Assert.ThrowsAsync<IOException>(() => _provider.ProvideAsync(Seed.Permit()));

        Assert.Same(failure, thrown);
        Assert.Empty(_provider.Held.Saved); // written with its record or not at all: no orphan
        // The held record's append may have reached the disk before it failed, so the permit stays used.
        Assert.True(_provider.Guard.IsReserved(Seed.PermitId));
        Assert.Equal([(ProvisionOutcome.Held, "DV_SUPPORT"), (ProvisionOutcome.NotProvided, ErrorReasons.Internal)],
            _provider.Records.Entries.Select(e => (e.Outcome, e.Reason)));
        // The failure came after the person was found: its record is theirs too, for their disclosure.
        Assert.All(_provider.Records.Entries, e => Assert.Equal(Seed.PersonNumber, e.Person?.Value));
    }

    [Fact]
    public async Task An_information_name_that_is_never_provided_is_refused_even_when_the_list_allows_it()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => _provider.ProvideAsync(Seed.Permit(Seed.Periodontal)));

        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal(ErrorReasons.InquiryNotPermitted, error.Reason);
        Assert.Empty(_provider.Sealer.Seals);
        var record = Assert.Single(_provider.Records.Entries);
        Assert.Equal((ProvisionOutcome.NotProvided, Seed.PersonNumber), (record.Outcome, record.Person?.Value));
    }

    [Fact]
    public async Task Without_a_permitted_list_the_provider_refuses_and_keeps_the_permit_unused()
    {
        _provider.List = null;

        var error = await Assert.ThrowsAsync<DomainException>(() => _provider.ProvideAsync(Seed.Permit()));

        Assert.Equal(ErrorReasons.PermittedListUnavailable, error.Reason);
        Assert.Empty(_provider.Guard.Attempts);
    }
}
