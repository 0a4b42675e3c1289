using Linkage.Domain.Answers;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Review;

/// <summary>Sends a decided held answer back through the hub to the inquirer named in the permit.</summary>
public interface IAnswerRelay
{
    Task RelayAsync(SignedPermitData permit, string permitId, string inquiryId, ProvisionOutcome outcome, string reason, SealedAnswer? answer, CancellationToken ct);
}
