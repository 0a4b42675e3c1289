using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Answers;

namespace Linkage.Domain.Tests;

/// <summary>
/// The provider reserves a permit id before it decides, gives the reservation back on a refusal that happens before
/// the record is on its way to disk, and keeps it once the record that uses the permit may have been written.
/// Mayors may ask Hitachinaka for osteoporosis and, unlike the hub's real list, for periodontal screening too: so
/// that a periodontal permit passes the list check and is refused only after its id was reserved.
/// </summary>
public sealed class ProvisionReplayReservationTests
{
    private readonly ProvisionScenario _provider = new();

    private static PermitClaims Permit(string informationName = Seed.Osteoporosis) => Seed.Permit(informationName);

    [Fact]
    public async Task A_provision_whose_record_fails_to_append_keeps_its_permit_reserved()
    {
        var permit = Permit();
        _provider.Records.FailWhen = (_, accepted) => accepted is null ? null : new IOException("disk I/O error after the write was issued");

        await Assert.ThrowsAsync<IOException>(() => _provider.ProvideAsync(permit));

        // The record may have reached disk all the same: the permit must not be open to a replay before a restart.
        Assert.True(_provider.Guard.IsReserved(permit.PermitId));
        Assert.False(_provider.Guard.TryReserve(permit.PermitId, permit.ExpiresAt));

        // First the provided record with its permit, then the INTERNAL refusal that does not use the permit up.
        var attempts = _provider.Records.Attempts;
        Assert.Equal(2, attempts.Count);
        Assert.Equal(ProvisionOutcome.Provided, attempts[0].Entry.Outcome);
        Assert.Equal(new AcceptedPermit(permit.PermitId, permit.ExpiresAt), attempts[0].AcceptedPermit);
        var refusal = attempts[1];
        Assert.Null(refusal.AcceptedPermit);
        Assert.Equal(ProvisionOutcome.NotProvided, refusal.Entry.Outcome);
        Assert.Equal(ErrorReasons.Internal, refusal.Entry.Reason);
        Assert.Equal(permit.PermitId, refusal.Entry.PermitId);
        Assert.Equal(Seed.PersonNumber, refusal.Entry.Person?.Value);
    }

    [Fact]
    public async Task A_provision_whose_record_and_refusal_record_both_fail_still_keeps_its_permit_reserved()
    {
        var permit = Permit();
        _provider.Records.FailWhen = (_, _) => new IOException("disk full");

        // The caller gets the original failure, not the one of the refusal record.
        var thrown = await Assert.ThrowsAsync<IOException>(() => _provider.ProvideAsync(permit));
        Assert.Equal("disk full", thrown.Message);

        Assert.False(_provider.Guard.TryReserve(permit.PermitId, permit.ExpiresAt));
        Assert.Equal([ProvisionOutcome.Provided, ProvisionOutcome.NotProvided], _provider.Records.Attempts.Select(a => a.Entry.Outcome));
    }

    [Fact]
    public async Task A_never_provided_information_name_is_refused_after_reservation_and_releases_the_permit()
    {
        var permit = Permit(Seed.Periodontal);

        var error = await Assert.ThrowsAsync<DomainException>(() => _provider.ProvideAsync(permit));

        Assert.Equal(ErrorReasons.InquiryNotPermitted, error.Reason);
        Assert.Equal([permit.PermitId], _provider.Guard.Attempts); // the refusal came after the reservation, not from the list check
        AssertReleasedAndRefusalRecorded(permit, ErrorReasons.InquiryNotPermitted);
    }

    [Fact]
    public async Task A_refusal_by_the_sealer_releases_the_permit()
    {
        var permit = Permit();
        _provider.Sealer.Failure = new DomainException(ErrorKind.InvalidArgument, ErrorReasons.PermitMalformed,
            "The answer key named in the permit cannot be used for encryption.");

        var error = await Assert.ThrowsAsync<DomainException>(() => _provider.ProvideAsync(permit));

        Assert.Equal(ErrorReasons.PermitMalformed, error.Reason);
        Assert.Equal([permit.PermitId], _provider.Guard.Attempts);
        AssertReleasedAndRefusalRecorded(permit, ErrorReasons.PermitMalformed);
    }

    [Fact]
    public async Task A_successful_provision_records_its_permit_once_and_keeps_it_reserved()
    {
        var permit = Permit();

        var result = await _provider.ProvideAsync(permit);

        Assert.Equal(ProvisionOutcome.Provided, result.Outcome);
        Assert.Equal(permit.PermitId, result.PermitId);
        Assert.NotNull(result.Answer);

        var (entry, accepted) = Assert.Single(_provider.Records.Attempts);
        Assert.Equal(new AcceptedPermit(permit.PermitId, permit.ExpiresAt), accepted);
        Assert.Equal(ProvisionOutcome.Provided, entry.Outcome);
        Assert.Equal(permit.PermitId, entry.PermitId);
        Assert.Equal(permit.InquiryId, entry.InquiryId);
        Assert.Equal(Seed.Mito, entry.InquirerInstitution);
        Assert.Equal(Seed.Hitachinaka, entry.ProviderInstitution);
        Assert.Equal(Seed.Osteoporosis, entry.InformationName);
        Assert.Equal(Seed.ListLegalBasis, entry.LegalBasis);
        Assert.Equal(Seed.Person, entry.Person);

        Assert.True(_provider.Guard.IsReserved(permit.PermitId));
        Assert.False(_provider.Guard.TryReserve(permit.PermitId, permit.ExpiresAt));
    }

    [Fact]
    public async Task A_replayed_permit_is_refused_and_recorded_without_using_it_again()
    {
        var permit = Permit();
        await _provider.ProvideAsync(permit);

        var error = await Assert.ThrowsAsync<DomainException>(() => _provider.ProvideAsync(permit));

        Assert.Equal(ErrorReasons.PermitReplayed, error.Reason);
        Assert.True(_provider.Guard.IsReserved(permit.PermitId)); // the replay does not give the first use's reservation back
        var attempts = _provider.Records.Attempts;
        Assert.Equal(2, attempts.Count);
        Assert.NotNull(attempts[0].AcceptedPermit);
        Assert.Null(attempts[1].AcceptedPermit);
        Assert.Equal(ErrorReasons.PermitReplayed, attempts[1].Entry.Reason);
    }

    [Fact]
    public async Task An_unexpected_error_before_the_record_releases_the_permit_and_is_recorded_as_internal()
    {
        var permit = Permit();
        var defect = new InvalidOperationException("A defect.");
        _provider.Sealer.Failure = defect;

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => _provider.ProvideAsync(permit));

        Assert.Same(defect, thrown);
        AssertReleasedAndRefusalRecorded(permit, ErrorReasons.Internal);
    }

    [Fact]
    public async Task A_provision_cancelled_before_its_record_releases_the_permit_and_records_nothing()
    {
        var permit = Permit();
        using var cancellation = new CancellationTokenSource();
        _provider.Copies.Failure = () =>
        {
            cancellation.Cancel();
            return new OperationCanceledException(cancellation.Token);
        };

        await Assert.ThrowsAsync<OperationCanceledException>(() => _provider.ProvideAsync(permit, ct: cancellation.Token));

        Assert.Equal([permit.PermitId], _provider.Guard.Attempts);
        Assert.False(_provider.Guard.IsReserved(permit.PermitId)); // no answer left: the hub may send it again
        Assert.Empty(_provider.Records.Attempts);
    }

    [Fact]
    public async Task A_provision_cancelled_while_its_record_is_written_keeps_the_permit_reserved()
    {
        var permit = Permit();
        using var cancellation = new CancellationTokenSource();
        _provider.Records.FailWhen = (_, _) =>
        {
            cancellation.Cancel();
            return new OperationCanceledException(cancellation.Token);
        };

        await Assert.ThrowsAsync<OperationCanceledException>(() => _provider.ProvideAsync(permit, ct: cancellation.Token));

        Assert.True(_provider.Guard.IsReserved(permit.PermitId)); // the record may be on disk all the same
        var (entry, accepted) = Assert.Single(_provider.Records.Attempts); // and no refusal is recorded after it
        Assert.Equal(ProvisionOutcome.Provided, entry.Outcome);
        Assert.NotNull(accepted);
    }

    [Fact]
    public async Task A_provision_cancelled_before_its_permit_verified_reserves_and_records_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var cancelled = new OperationCanceledException(cancellation.Token);
        _provider.VerifierRefusal = cancelled;

        var thrown = await Assert.ThrowsAsync<OperationCanceledException>(() => _provider.ProvideAsync(Permit(), ct: cancellation.Token));

        Assert.Same(cancelled, thrown);
        Assert.Empty(_provider.Guard.Attempts);
        Assert.Empty(_provider.Records.Attempts);
    }

    private void AssertReleasedAndRefusalRecorded(PermitClaims permit, string reason)
    {
        Assert.False(_provider.Guard.IsReserved(permit.PermitId));
        Assert.True(_provider.Guard.TryReserve(permit.PermitId, permit.ExpiresAt));

        var (entry, accepted) = Assert.Single(_provider.Records.Attempts);
        Assert.Null(accepted);
        Assert.Equal(ProvisionOutcome.NotProvided, entry.Outcome);
        Assert.Equal(reason, entry.Reason);
        Assert.Equal(permit.PermitId, entry.PermitId);
        Assert.Equal(permit.InformationName.Value, entry.InformationName);
        // Each of these comes after the person was found: the refusal is recorded as theirs.
        Assert.Equal(Seed.PersonNumber, entry.Person?.Value);
    }
}
