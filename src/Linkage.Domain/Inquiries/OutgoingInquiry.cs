using Linkage.Domain.Codes;

namespace Linkage.Domain.Inquiries;

/// <summary>What the gateway sends out for the back office: the person only by our own symbol.</summary>
public sealed record OutgoingInquiry(
    string InquiryId,
    Symbol InquirerSymbol,
    AffairCode Affair,
    ProcedureCode Procedure,
    InformationNameCode InformationName,
    InstitutionCode Provider);
