using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Review;

/// <summary>
/// An answer held back for staff review (自動応答不可フラグ): the permit as the hub signed it, the answer key fixed when
/// it was held, keyed by the permit id the hub issued (the inquiry id is the inquirer's choice), whom it concerns, why it
/// is held and by when it must be reviewed. No answer is built until approval.
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
    HeldAnswerKey AnswerKey);
