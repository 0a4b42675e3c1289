using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Records;

namespace Linkage.Domain.Tests;

/// <summary>
/// An allowed inquiry goes out under a fresh inquiry id with our symbol for the person, and its outcome is recorded,
/// whatever it is, with the permit the hub issued and the legal basis of our list's entry, before the back office sees it.
/// </summary>
public sealed class InquiryOutcomeTests
{
    private readonly InquiryScenario _inquirer = new();

    private string SentInquiryId => Assert.Single(_inquirer.Network.Sent).InquiryId;

    private ProvisionRecordEntry Outgoing(ProvisionOutcome outcome, string reason) => new(Seed.Now, RecordDirection.Outgoing,
        SentInquiryId, Seed.PermitId, Seed.Mito, Seed.Hitachinaka, Seed.Affair, Seed.Procedure, Seed.Osteoporosis,
        Seed.ListLegalBasis, outcome, reason, Seed.InquirerPerson);

    [Fact]
    public async Task The_inquiry_goes_out_under_a_fresh_id_with_our_symbol_and_the_requested_codes()
    {
        await _inquirer.InquireAsync();
        await _inquirer.InquireAsync();

        var first = _inquirer.Network.Sent[0];
        Assert.Matches("^[0-9a-f]{32}$", first.InquiryId);
        Assert.NotEqual(first.InquiryId, _inquirer.Network.Sent[1].InquiryId);
        Assert.Equal(Symbol.Parse(Seed.InquirerSymbol), first.InquirerSymbol);
        Assert.Equal(AffairCode.Parse(Seed.Affair), first.Affair);
        Assert.Equal(ProcedureCode.Parse(Seed.Procedure), first.Procedure);
        Assert.Equal(InformationNameCode.Parse(Seed.Osteoporosis), first.InformationName);
        Assert.Equal(InstitutionCode.Parse(Seed.Hitachinaka), first.Provider);
    }

    [Fact]
    public async Task A_provided_answer_is_recorded_and_handed_to_the_back_office()
    {
        var result = await _inquirer.InquireAsync();

        Assert.Equal(SentInquiryId, result.InquiryId);
        Assert.Equal(ProvisionOutcome.Provided, result.Outcome);
        Assert.Equal("", result.Reason);
        Assert.Same(FakeOpener.Opened, result.Records);
        var (entry, accepted) = Assert.Single(_inquirer.Records.Attempts);
        Assert.Null(accepted);
        Assert.Equal(Outgoing(ProvisionOutcome.Provided, ""), entry);
        Assert.Empty(_inquirer.Pending.Saved);
    }

    [Fact]
    public async Task A_refused_answer_is_recorded_with_its_reason_and_handed_over_without_records()
    {
        _inquirer.Network.Answer = _ => new NetworkAnswer(Seed.PermitId, ProvisionOutcome.NotProvided, ErrorReasons.NoData, []);

        var result = await _inquirer.InquireAsync();

        Assert.Equal(ProvisionOutcome.NotProvided, result.Outcome);
        Assert.Equal(ErrorReasons.NoData, result.Reason);
        Assert.Empty(result.Records);
        Assert.Equal(Outgoing(ProvisionOutcome.NotProvided, ErrorReasons.NoData), Assert.Single(_inquirer.Records.Entries));
        Assert.Empty(_inquirer.Pending.Saved);
    }

    [Fact]
    public async Task A_held_answer_whose_pending_inquiry_cannot_be_stored_is_recorded_as_failed_not_dropped()
    {
        _inquirer.Network.Answer = _ => new NetworkAnswer(Seed.PermitId, ProvisionOutcome.Held, "", [], new byte[32]);
        var failure = new IOException("disk full");
        _inquirer.Pending.SaveFailure = failure;

        Assert.Same(failure, await Assert.ThrowsAsync<IOException>(() => _inquirer.InquireAsync()));

        Assert.Equal(Outgoing(ProvisionOutcome.NotProvided, ErrorReasons.Internal), Assert.Single(_inquirer.Records.Entries));
        Assert.Empty(_inquirer.Pending.Saved);
    }

    [Fact]
    public async Task A_held_answer_is_recorded_as_held_and_kept_pending_with_its_answer_key()
    {
        byte[] answerKey = [.. Enumerable.Repeat((byte)0x55, 32)];
        _inquirer.Network.Answer = _ => new NetworkAnswer(Seed.PermitId, ProvisionOutcome.Held, "", [], answerKey);

        var result = await _inquirer.InquireAsync();

        Assert.Equal(ProvisionOutcome.Held, result.Outcome);
        Assert.Empty(result.Records);
        Assert.Equal(Outgoing(ProvisionOutcome.Held, ""), Assert.Single(_inquirer.Records.Entries));

        var pending = Assert.Single(_inquirer.Pending.Saved);
        Assert.Equal(SentInquiryId, pending.InquiryId);
        Assert.Equal(Seed.PermitId, pending.PermitId);
        Assert.Equal(InstitutionCode.Parse(Seed.Hitachinaka), pending.Provider);
        Assert.Equal(AffairCode.Parse(Seed.Affair), pending.Affair);
        Assert.Equal(ProcedureCode.Parse(Seed.Procedure), pending.Procedure);
        Assert.Equal(InformationNameCode.Parse(Seed.Osteoporosis), pending.InformationName);
        Assert.Equal(Seed.ListLegalBasis, pending.LegalBasis);
        Assert.Equal(Seed.InquirerPerson, pending.Person);
        Assert.Same(answerKey, pending.AnswerKey);
        Assert.Equal(Seed.Now, pending.CreatedAt);
    }

    [Fact]
    public async Task The_legal_basis_recorded_is_that_of_the_entry_that_allowed_the_inquiry()
    {
        _inquirer.List = Seed.List(Seed.Entry(Seed.Cancer, legalBasis: "other"), Seed.Entry(inquirer: Seed.Mito, legalBasis: "Mito's own entry"));

        await _inquirer.InquireAsync();

        Assert.Equal("Mito's own entry", Assert.Single(_inquirer.Records.Entries).LegalBasis);
    }
}
