using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Domain.Errors;
using Linkage.Domain.Review;
using Linkage.Domain.Staff;
using Linkage.Gateway.Jobs;

namespace Linkage.Gateway.Administration;

/// <summary>The administrator's side of held responses: job status with the outbox, retrying a parked delivery, extending a deadline.</summary>
public sealed class HeldOperations(IAnswerOutbox outbox, IOutboxSignal signal, HeldReview review, EscalationJob escalation, JobBoard board)
{
    /// <summary>How many held responses are escalated, as the escalation job last counted.</summary>
    public int Escalated => escalation.Escalated;

    public async Task<ListJobsResponse> ListJobsAsync(CancellationToken ct)
    {
        var response = new ListJobsResponse
        {
            PendingDeliveries = await outbox.CountPendingAsync(ct),
            EscalatedHeld = escalation.Escalated,
        };
        response.Jobs.AddRange(board.All.Select(JobMapping.ToWire));
        response.Parked.AddRange((await outbox.ParkedAsync(ct)).Select(p => new ParkedDelivery
        {
            HeldId = p.Answer.PermitId,
            Attempts = p.Answer.Attempts,
            LastError = p.Answer.LastError,
            ParkedAt = Timestamp.FromDateTimeOffset(p.ParkedAt),
        }));
        return response;
    }

    public async Task RetryDeliveryAsync(string heldId, CancellationToken ct)
    {
        if (!await outbox.RetryAsync(heldId, ct))
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.DeliveryNotParked, "No parked delivery has this held id.");
        signal.Wake();
    }

    public Task<DateTimeOffset> ExtendDeadlineAsync(Caller administrator, string heldId, DateTimeOffset? deadline, string reason, CancellationToken ct) =>
        deadline is { } until
            ? review.ExtendDeadlineAsync(administrator, heldId, until, reason, ct)
            : throw DomainException.InvalidField("deadline", ErrorReasons.MissingField, "The new deadline is required.");
}
