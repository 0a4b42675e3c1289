using Linkage.Domain.Answers;
namespace Linkage.Domain.Inquiries;

public interface IPendingInquiryStore
{
    Task SaveAsync(PendingInquiry inquiry, CancellationToken ct);

    Task<InquiryState?> FindAsync(string inquiryId, CancellationToken ct);

    /// <summary>Stores the later answer; false when one was stored already (a resent delivery).</summary>
    Task<bool> CompleteAsync(string inquiryId, ProvisionOutcome outcome, string reason, SealedAnswer? answer, CancellationToken ct);

    Task MarkPickedUpAsync(string inquiryId, CancellationToken ct);

    /// <summary>Answered and not yet picked up, oldest first.</summary>
    Task<IReadOnlyList<InquiryState>> ListReadyAsync(int max, CancellationToken ct);
}
