using Linkage.Domain.Codes;

namespace Linkage.Domain.Review;

/// <summary>A policy that never holds, for tests and tools without hold flags; the gateway serves its flags from memory.</summary>
public sealed class NoHoldFlags : IHoldPolicy
{
    public Task<string?> HoldReasonAsync(InternalAddressNumber person, InformationNameCode informationName, CancellationToken ct) =>
        Task.FromResult<string?>(null);
}
