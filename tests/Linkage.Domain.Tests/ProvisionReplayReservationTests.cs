using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Domain.Provision;
using Linkage.Domain.Records;

namespace Linkage.Domain.Tests;

/// <summary>
/// The provider reserves a permit id before it decides, gives the reservation back on a refusal that happens before
/// the record is on its way to disk, and keeps it once the record that uses the permit may have been written.
/// </summary>
public sealed class ProvisionReplayReservationTests
{
    private const string Mito = "1000082015000000";        // the inquirer
    private const string Hitachinaka = "1000082210000000"; // the provider, this gateway
    private const string Affair = "JM00000000000139";
    private const string Procedure = "JT00000000013901";
    private const string Osteoporosis = "TM00000000013903";
    private const string Periodontal = "TM00000000013904";
    private const string LegalBasis = "番号法第19条第8号 別表139の項 / 主務省令第141条";
    private const string PersonNumber = "082210000000007";
    private const string ProviderSymbol = "S4f2b7c1e9d0a8b3c6e5f4a2d1c0b9e8a";
    private const long ListVersion = 2;

    private static readonly DateTimeOffset Now = new(2025, 7, 1, 1, 30, 0, TimeSpan.Zero); // 10:30 JST
    private static readonly InternalAddressNumber Person = InternalAddressNumber.Parse(PersonNumber);

    private readonly InMemoryReplayGuard _guard = new();
    private readonly RecordingRecordWriter _records = new();
    private readonly FakeSealer _sealer = new();

    private static PermitClaims Permit(string informationName = Osteoporosis) => new(
        PermitId: "9c1d5e0f7a2b4c8d9e3f6a1b2c4d5e6f",
        InquiryId: "0b7e3a9c5d1f4e2a8b6c0d9e7f1a3b5c",
        Inquirer: InstitutionCode.Parse(Mito),
        Provider: InstitutionCode.Parse(Hitachinaka),
        Affair: AffairCode.Parse(Affair),
        Procedure: ProcedureCode.Parse(Procedure),
        InformationName: InformationNameCode.Parse(informationName),
        ProviderSymbol: Symbol.Parse(ProviderSymbol),
        InquirerPublicKey: new byte[32],
        IssuedAt: Now.AddSeconds(-5),
        ExpiresAt: Now.AddMinutes(2),
        ListVersion: ListVersion,
        LegalBasis: LegalBasis);

    /// <summary>
    /// Mayors may ask Hitachinaka for osteoporosis and, unlike the hub's real list, for periodontal screening too: so
    /// that a periodontal permit passes the list check and is refused only after its id was reserved.
    /// </summary>
    private static PermittedList List()
    {
        static PermittedEntry Entry(string informationName) => new("class:municipal-mayor", AffairCode.Parse(Affair),
            ProcedureCode.Parse(Procedure), InstitutionCode.Parse(Hitachinaka), InformationNameCode.Parse(informationName),
            LegalBasis, new DateOnly(2015, 10, 5), null);
        return new PermittedList(ListVersion, Now.AddDays(-1), [Entry(Osteoporosis), Entry(Periodontal)],
            new Dictionary<string, IReadOnlySet<string>> { ["class:municipal-mayor"] = new HashSet<string> { Mito, Hitachinaka } },
            new HashSet<long> { 1 });
    }

    private static ProvisionCopy Copy(string informationName) => new(Person, InformationNameCode.Parse(informationName),
        "2025-57-1", 1, new DateOnly(2025, 6, 1), null,
        [new ItemEntry("9N001000000000001", "158.2"), new ItemEntry("9Z507000000000011", "2")]);

    private ProvisionHandler Handler(PermitClaims permit) => new(
        new ProvisionSettings(InstitutionCode.Parse(Hitachinaka), TimeSpan.FromMinutes(1), TimeSpan.FromDays(3)),
        new FakeVerifier(permit),
        new FakeListSource(List()),
        _guard,
        new FakeSymbolStore(Symbol.Parse(ProviderSymbol), Person),
        new FakeCopyStore(Copy(Osteoporosis), Copy(Periodontal)),
        new NoHolds(),
        new UnusedHeldResponseStore(),
        _sealer,
        _records,
        new FixedClock(Now));

    private static IncomingInquiry Inquiry(PermitClaims permit) => new(permit.InquiryId, permit.Affair.Value,
        permit.Procedure.Value, permit.InformationName.Value, new SignedPermitData([0x0a, 0x01], new byte[64], "hub-test-1"));

    [Fact]
    public async Task A_provision_whose_record_fails_to_append_keeps_its_permit_reserved()
    {
        var permit = Permit();
        _records.FailWhen = (_, accepted) => accepted is null ? null : new IOException("disk I/O error after the write was issued");

        await Assert.ThrowsAsync<IOException>(() => Handler(permit).ProvideAsync(Inquiry(permit), CancellationToken.None));

        // The record may have reached disk all the same: the permit must not be open to a replay before a restart.
        Assert.True(_guard.IsReserved(permit.PermitId));
        Assert.False(_guard.TryReserve(permit.PermitId, permit.ExpiresAt));

        // First the provided record with its permit, then the INTERNAL refusal that does not use the permit up.
        var attempts = _records.Attempts;
        Assert.Equal(2, attempts.Count);
        Assert.Equal(ProvisionOutcome.Provided, attempts[0].Entry.Outcome);
        Assert.Equal(new AcceptedPermit(permit.PermitId, permit.ExpiresAt), attempts[0].AcceptedPermit);
        var refusal = attempts[1];
        Assert.Null(refusal.AcceptedPermit);
        Assert.Equal(ProvisionOutcome.NotProvided, refusal.Entry.Outcome);
        Assert.Equal(ErrorReasons.Internal, refusal.Entry.Reason);
        Assert.Equal(permit.PermitId, refusal.Entry.PermitId);
        Assert.Null(refusal.Entry.Person);
    }

    [Fact]
    public async Task A_provision_whose_record_and_refusal_record_both_fail_still_keeps_its_permit_reserved()
    {
        var permit = Permit();
        _records.FailWhen = (_, _) => new IOException("disk full");

        // The caller gets the original failure, not the one of the refusal record.
        var thrown = await Assert.ThrowsAsync<IOException>(() => Handler(permit).ProvideAsync(Inquiry(permit), CancellationToken.None));
        Assert.Equal("disk full", thrown.Message);

        Assert.False(_guard.TryReserve(permit.PermitId, permit.ExpiresAt));
        Assert.Equal([ProvisionOutcome.Provided, ProvisionOutcome.NotProvided], _records.Attempts.Select(a => a.Entry.Outcome));
    }

    [Fact]
    public async Task A_never_provided_information_name_is_refused_after_reservation_and_releases_the_permit()
    {
        var permit = Permit(Periodontal);

        var error = await Assert.ThrowsAsync<DomainException>(() => Handler(permit).ProvideAsync(Inquiry(permit), CancellationToken.None));

        Assert.Equal(ErrorReasons.InquiryNotPermitted, error.Reason);
        Assert.Equal([permit.PermitId], _guard.Attempts); // the refusal came after the reservation, not from the list check
        AssertReleasedAndRefusalRecorded(permit, ErrorReasons.InquiryNotPermitted);
    }

    [Fact]
    public async Task A_refusal_by_the_sealer_releases_the_permit()
    {
        var permit = Permit();
        _sealer.Failure = new DomainException(ErrorKind.InvalidArgument, ErrorReasons.PermitMalformed,
            "The answer key named in the permit cannot be used for encryption.");

        var error = await Assert.ThrowsAsync<DomainException>(() => Handler(permit).ProvideAsync(Inquiry(permit), CancellationToken.None));

        Assert.Equal(ErrorReasons.PermitMalformed, error.Reason);
        Assert.Equal([permit.PermitId], _guard.Attempts);
        AssertReleasedAndRefusalRecorded(permit, ErrorReasons.PermitMalformed);
    }

    [Fact]
    public async Task A_successful_provision_records_its_permit_once_and_keeps_it_reserved()
    {
        var permit = Permit();

        var result = await Handler(permit).ProvideAsync(Inquiry(permit), CancellationToken.None);

        Assert.Equal(ProvisionOutcome.Provided, result.Outcome);
        Assert.Equal(permit.PermitId, result.PermitId);
        Assert.NotNull(result.Answer);

        var (entry, accepted) = Assert.Single(_records.Attempts);
        Assert.Equal(new AcceptedPermit(permit.PermitId, permit.ExpiresAt), accepted);
        Assert.Equal(ProvisionOutcome.Provided, entry.Outcome);
        Assert.Equal(permit.PermitId, entry.PermitId);
        Assert.Equal(permit.InquiryId, entry.InquiryId);
        Assert.Equal(Mito, entry.InquirerInstitution);
        Assert.Equal(Hitachinaka, entry.ProviderInstitution);
        Assert.Equal(Osteoporosis, entry.InformationName);
        Assert.Equal(LegalBasis, entry.LegalBasis);
        Assert.Equal(Person, entry.Person);

        Assert.True(_guard.IsReserved(permit.PermitId));
        Assert.False(_guard.TryReserve(permit.PermitId, permit.ExpiresAt));
    }

    [Fact]
    public async Task A_replayed_permit_is_refused_and_recorded_without_using_it_again()
    {
        var permit = Permit();
        await Handler(permit).ProvideAsync(Inquiry(permit), CancellationToken.None);

        var error = await Assert.ThrowsAsync<DomainException>(() => Handler(permit).ProvideAsync(Inquiry(permit), CancellationToken.None));

        Assert.Equal(ErrorReasons.PermitReplayed, error.Reason);
        Assert.True(_guard.IsReserved(permit.PermitId)); // the replay does not give the first use's reservation back
        var attempts = _records.Attempts;
        Assert.Equal(2, attempts.Count);
        Assert.NotNull(attempts[0].AcceptedPermit);
        Assert.Null(attempts[1].AcceptedPermit);
        Assert.Equal(ErrorReasons.PermitReplayed, attempts[1].Entry.Reason);
    }

    private void AssertReleasedAndRefusalRecorded(PermitClaims permit, string reason)
    {
        Assert.False(_guard.IsReserved(permit.PermitId));
        Assert.True(_guard.TryReserve(permit.PermitId, permit.ExpiresAt));

        var (entry, accepted) = Assert.Single(_records.Attempts);
        Assert.Null(accepted);
        Assert.Equal(ProvisionOutcome.NotProvided, entry.Outcome);
        Assert.Equal(reason, entry.Reason);
        Assert.Equal(permit.PermitId, entry.PermitId);
        Assert.Equal(permit.InformationName.Value, entry.InformationName);
        Assert.Null(entry.Person);
    }
}
