using Linkage.Domain.Codes;

namespace Linkage.Domain.Review;

/// <summary>The policy while no hold flags can be set: every answer is decided automatically.</summary>
public sealed class NoHoldFlags : IHoldPolicy
{
    public Task<string?> HoldReasonAsync(InternalAddressNumber person, InformationNameCode informationName, CancellationToken ct) =>
        Task.FromResult<string?>(null);
}
