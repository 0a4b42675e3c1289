using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Review;

/// <summary>
/// An answer held back for staff review (自動応答不可フラグ): the permit as the hub signed it, the answer key fixed when
/// it was held, keyed by the permit id the hub issued (the held id everywhere: contract, domain and store), whom it
/// concerns, why it is held, by when it must be reviewed, and how far its review went. No answer is built until
/// approval; once decided the key is gone (<see cref="AnswerKey"/> null).
/// </summary>
public sealed record HeldResponse(
    string PermitId,
    string InquiryId,
    SignedPermitData Permit,
    InternalAddressNumber Person,
    InformationNameCode InformationName,
    string HoldReason,
    DateTimeOffset ReceivedAt,
    DateTimeOffset Deadline,
    HeldAnswerKey? AnswerKey,
    bool TwoPerson = false,
    HeldState State = HeldState.Waiting,
    string? FirstApprovedBy = null,
    bool Escalated = false,
    string InquirerInstitution = "",
    DeliveryState Delivery = DeliveryState.None)
{
    public bool IsDecided => State is HeldState.Approved or HeldState.Declined;
}
