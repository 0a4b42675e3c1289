using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Records;

namespace Linkage.Domain.Inquiries;

/// <summary>
/// An inquiry whose provider held the answer for review: what is needed to accept, open and record the answer when
/// it arrives later — including the answer's own key, derived when the provider held it, which the store keeps encrypted
/// at rest.
/// </summary>
public sealed record PendingInquiry(
    string InquiryId,
    string PermitId,
    InstitutionCode Provider,
    AffairCode Affair,
    ProcedureCode Procedure,
    InformationNameCode InformationName,
    string LegalBasis,
    InternalAddressNumber Person,
    byte[] AnswerKey,
    DateTimeOffset CreatedAt)
{
    /// <summary>What the records say of this inquiry.</summary>
    public OutgoingExchange Exchange => new(InquiryId, Provider, Affair, Procedure, InformationName, LegalBasis, Person);

    public IReadOnlyList<AnsweredRecord> Open(IAnswerOpener opener, SealedAnswer answer) =>
        opener.OpenWithAnswerKey(AnswerKey, PermitId, InquiryId, answer);
}
