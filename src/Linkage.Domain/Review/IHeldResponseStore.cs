using Linkage.Domain.Answers;
namespace Linkage.Domain.Review;

public interface IHeldResponseStore
{
    /// <summary>Stores a held response; a second save of the same permit (a retry after a failed record) changes nothing.</summary>
    Task SaveAsync(HeldResponse held, CancellationToken ct);

    /// <summary>A response still waiting for its decision, or null.</summary>
    Task<HeldResponse?> FindUndecidedAsync(string permitId, CancellationToken ct);

    /// <summary>Marks the decision; false when another decision came first.</summary>
    Task<bool> DecideAsync(string permitId, ProvisionOutcome outcome, string reason, DateTimeOffset decidedAt, CancellationToken ct);
}
