using Linkage.Domain.Answers;
using Linkage.Domain.Errors;
using Linkage.Domain.Inquiries;
using Linkage.Domain.Records;

namespace Linkage.Domain.Tests;

/// <summary>
/// An outgoing inquiry that fails after the hub issued its permit is recorded with that permit id (the provider may
/// have answered and recorded it), whatever the failure, and the failure then reaches the caller unchanged.
/// </summary>
public sealed class InquiryFailureRecordTests
{
    private readonly InquiryScenario _inquirer = new();

    public static TheoryData<string, Exception> Failures => new()
    {
        { ErrorReasons.PeerUnavailable, new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable, "The provider is not reachable.") },
        { ErrorReasons.AnswerUndecryptable, new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.AnswerUndecryptable, "Altered.") },
        { ErrorReasons.Cancelled, new OperationCanceledException("The caller gave up.") },
        { ErrorReasons.Internal, new InvalidOperationException("A defect.") },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failure_after_the_permit_is_recorded_with_the_permit_and_rethrown(string reason, Exception failure)
    {
        _inquirer.Network.Answer = _ => NetworkAnswer.Failed(Seed.PermitId, failure);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => _inquirer.InquireAsync());

        Assert.Same(failure, thrown);
        var (entry, acceptedPermit) = Assert.Single(_inquirer.Records.Attempts);
        Assert.Null(acceptedPermit);
        Assert.Equal(Expected(_inquirer.Network.Sent.Single().InquiryId, Seed.PermitId, reason), entry);
        Assert.Empty(_inquirer.Pending.Saved);
    }

    [Fact]
    public async Task A_refusal_before_any_permit_is_recorded_without_one()
    {
        var refusal = new DomainException(ErrorKind.PermissionDenied, ErrorReasons.InquiryNotPermitted, "Not on the hub's list.");
        _inquirer.Network.Answer = _ => throw refusal;

        var thrown = await Assert.ThrowsAsync<DomainException>(() => _inquirer.InquireAsync());

        Assert.Same(refusal, thrown);
        var (entry, acceptedPermit) = Assert.Single(_inquirer.Records.Attempts);
        Assert.Null(acceptedPermit);
        Assert.Equal(Expected(_inquirer.Network.Sent.Single().InquiryId, "", ErrorReasons.InquiryNotPermitted), entry);
    }

    /// <summary>What the record of a failed inquiry says: ours, not provided, with the reason and the permit (if any).</summary>
    private static ProvisionRecordEntry Expected(string inquiryId, string permitId, string reason) => new(
        Seed.Now, RecordDirection.Outgoing, inquiryId, permitId, Seed.Mito, Seed.Hitachinaka, Seed.Affair, Seed.Procedure,
        Seed.Osteoporosis, Seed.ListLegalBasis, ProvisionOutcome.NotProvided, reason, Seed.InquirerPerson);
}
