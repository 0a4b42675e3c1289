using Linkage.Domain.Codes;

namespace Linkage.Domain.Records;

/// <summary>What our records say of one of our inquiries, whatever its outcome: fixed before the hub is asked.</summary>
public sealed record OutgoingExchange(
    string InquiryId,
    InstitutionCode Provider,
    AffairCode Affair,
    ProcedureCode Procedure,
    InformationNameCode InformationName,
    string LegalBasis,
    InternalAddressNumber Person);
