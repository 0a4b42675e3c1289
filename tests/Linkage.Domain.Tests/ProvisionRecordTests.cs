using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Records;

namespace Linkage.Domain.Tests;

/// <summary>
/// Every incoming inquiry leaves exactly one record, whatever its outcome, and the record says who asked whom for what
/// under which legal basis: the list entry's when one matched, else the permit's. A permit that did not verify is
/// recorded, not believed: its fields stay empty. Only a decided answer's record uses the permit up.
/// </summary>
public sealed class ProvisionRecordTests
{
    private readonly ProvisionScenario _provider = new();

    private static ProvisionRecordEntry Incoming(ProvisionOutcome outcome, string reason, InternalAddressNumber? person,
        string legalBasis = Seed.ListLegalBasis) => new(Seed.Now, RecordDirection.Incoming, Seed.InquiryId, Seed.PermitId,
        Seed.Mito, Seed.Hitachinaka, Seed.Affair, Seed.Procedure, Seed.Osteoporosis, legalBasis, outcome, reason, person);

    private void AssertOnlyRecord(ProvisionRecordEntry expected, bool usesPermit)
    {
        var (entry, accepted) = Assert.Single(_provider.Records.Attempts);
        Assert.Equal(expected, entry);
        Assert.Equal(usesPermit ? new AcceptedPermit(Seed.PermitId, Seed.Permit().ExpiresAt) : null, accepted);
    }

    [Fact]
    public async Task A_provided_answer_is_recorded_with_the_list_entrys_legal_basis_and_uses_the_permit()
    {
        await _provider.ProvideAsync(Seed.Permit());
        AssertOnlyRecord(Incoming(ProvisionOutcome.Provided, "", Seed.Person), usesPermit: true);
    }

    [Fact]
    public async Task A_held_answer_is_recorded_with_its_hold_reason_and_uses_the_permit()
    {
        _provider.Holds = new HoldEverything("DV_SUPPORT");
        await _provider.ProvideAsync(Seed.Permit());
        AssertOnlyRecord(Incoming(ProvisionOutcome.Held, "DV_SUPPORT", Seed.Person), usesPermit: true);
    }

    [Fact]
    public async Task No_data_is_recorded_for_the_person_and_uses_the_permit()
    {
        _provider.Copies.Stored.Clear();
        await _provider.ProvideAsync(Seed.Permit());
        AssertOnlyRecord(Incoming(ProvisionOutcome.NotProvided, ErrorReasons.NoData, Seed.Person), usesPermit: true);
    }

    [Fact]
    public async Task An_unknown_symbol_is_recorded_without_a_person_and_uses_the_permit()
    {
        await _provider.ProvideAsync(Seed.Permit() with { ProviderSymbol = Symbol.Parse("Sunknown") });
        AssertOnlyRecord(Incoming(ProvisionOutcome.NotProvided, ErrorReasons.SymbolUnknown, null), usesPermit: true);
    }

    [Fact]
    public async Task A_permit_that_did_not_verify_is_recorded_with_empty_fields_but_ours()
    {
        _provider.VerifierRefusal = new DomainException(ErrorKind.PermissionDenied, ErrorReasons.PermitSignatureInvalid, "Bad signature.");

        var error = await Assert.ThrowsAsync<DomainException>(() => _provider.ProvideAsync(Seed.Permit()));

        Assert.Same(_provider.VerifierRefusal, error);
        Assert.Empty(_provider.Guard.Attempts);
        AssertOnlyRecord(new ProvisionRecordEntry(Seed.Now, RecordDirection.Incoming, "", "", "", Seed.Hitachinaka, "", "", "", "",
            ProvisionOutcome.NotProvided, ErrorReasons.PermitSignatureInvalid, null), usesPermit: false);
    }

    [Fact]
    public async Task A_permit_refused_before_the_list_matched_is_recorded_with_the_permits_legal_basis()
    {
        var expired = Seed.Permit() with { IssuedAt = Seed.Now.AddMinutes(-10), ExpiresAt = Seed.Now.AddMinutes(-5) };

        await Assert.ThrowsAsync<DomainException>(() => _provider.ProvideAsync(expired));

        AssertOnlyRecord(Incoming(ProvisionOutcome.NotProvided, ErrorReasons.PermitExpired, null, Seed.PermitLegalBasis), usesPermit: false);
    }

    [Fact]
    public async Task A_replayed_permit_is_recorded_with_the_list_entrys_legal_basis_without_using_it_again()
    {
        _provider.Guard.TryReserve(Seed.PermitId, Seed.Permit().ExpiresAt); // the first use

        await Assert.ThrowsAsync<DomainException>(() => _provider.ProvideAsync(Seed.Permit()));

        AssertOnlyRecord(Incoming(ProvisionOutcome.NotProvided, ErrorReasons.PermitReplayed, null), usesPermit: false);
    }

    [Fact]
    public async Task An_unexpected_error_after_the_person_was_found_is_recorded_as_internal_for_that_person()
    {
        _provider.Sealer.Failure = new InvalidOperationException("A defect.");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _provider.ProvideAsync(Seed.Permit()));

        AssertOnlyRecord(Incoming(ProvisionOutcome.NotProvided, ErrorReasons.Internal, Seed.Person), usesPermit: false);
    }
}
