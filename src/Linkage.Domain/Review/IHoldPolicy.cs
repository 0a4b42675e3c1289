using Linkage.Domain.Codes;

namespace Linkage.Domain.Review;

/// <summary>
/// Decides whether an answer must wait for staff review (自動応答不可フラグ on the person or the information name).
/// Returns the hold reason, or null to answer at once.
/// </summary>
public interface IHoldPolicy
{
    Task<string?> HoldReasonAsync(InternalAddressNumber person, InformationNameCode informationName, CancellationToken ct);
}
