namespace Linkage.Domain.Inquiries;

/// <summary>A back-office request to inquire, every field as received.</summary>
public sealed record InquiryRequest(
    string? AffairCode,
    string? ProcedureCode,
    string? InformationNameCode,
    string? InternalAddressNumber,
    string? ProviderInstitutionCode);
