using Linkage.Domain.Codes;

namespace Linkage.Domain.Inquiries;

/// <summary>
/// An inquiry whose provider held the answer for review: what is needed to accept, open and record the answer when
/// it arrives later — including the private key of the answer key pair named in its permit, which the store keeps encrypted at rest.
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
    byte[] PrivateKey,
    DateTimeOffset CreatedAt);
