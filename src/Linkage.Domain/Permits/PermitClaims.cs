using Linkage.Domain.Codes;

namespace Linkage.Domain.Permits;

/// <summary>What a verified permit (情報提供許可証) says. Only built after its signature was checked.</summary>
public sealed record PermitClaims(
    string PermitId,
    string InquiryId,
    InstitutionCode Inquirer,
    InstitutionCode Provider,
    AffairCode Affair,
    ProcedureCode Procedure,
    InformationNameCode InformationName,
    Symbol ProviderSymbol,
    byte[] InquirerPublicKey,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    long ListVersion,
    string LegalBasis);
