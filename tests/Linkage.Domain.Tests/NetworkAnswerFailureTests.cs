using Linkage.Domain.Answers;
using Linkage.Domain.Errors;
using Linkage.Domain.Inquiries;

namespace Linkage.Domain.Tests;

/// <summary>
/// A failure after the hub issued its permit becomes an answer that keeps the permit id and the failure, carries no
/// records, and names its reason: the refusal's own, <c>CANCELLED</c> when the caller gave up, else <c>INTERNAL</c>.
/// </summary>
public sealed class NetworkAnswerFailureTests
{
    public static TheoryData<Exception, string> Failures => new()
    {
        { new DomainException(ErrorKind.Unavailable, ErrorReasons.PeerUnavailable, "The provider is not reachable."), ErrorReasons.PeerUnavailable },
        { new OperationCanceledException("The caller gave up."), ErrorReasons.Cancelled },
        { new TaskCanceledException("The deadline passed."), ErrorReasons.Cancelled },
        { new IOException("The connection reset."), ErrorReasons.Internal },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_after_the_permit_is_not_provided_with_its_reason_and_no_records(Exception failure, string reason)
    {
        var answer = NetworkAnswer.Failed(Seed.PermitId, failure);

        Assert.Equal(Seed.PermitId, answer.PermitId);
        Assert.Equal(ProvisionOutcome.NotProvided, answer.Outcome);
        Assert.Equal(reason, answer.Reason);
        Assert.Empty(answer.Records);
        Assert.Null(answer.HeldAnswerKey);
        Assert.Same(failure, answer.Failure);
    }
}
