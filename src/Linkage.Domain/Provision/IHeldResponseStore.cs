namespace Linkage.Domain.Provision;

public interface IHeldResponseStore
{
    Task SaveAsync(HeldResponse held, CancellationToken ct);

    /// <summary>A response still waiting for its decision, or null.</summary>
    Task<HeldResponse?> FindUndecidedAsync(string inquiryId, CancellationToken ct);

    /// <summary>Marks the decision; false when another decision came first.</summary>
    Task<bool> DecideAsync(string inquiryId, Records.ProvisionOutcome outcome, string reason, DateTimeOffset decidedAt, CancellationToken ct);
}
