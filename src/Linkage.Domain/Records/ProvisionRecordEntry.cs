using Linkage.Domain.Codes;

namespace Linkage.Domain.Records;

/// <summary>
/// One 情報提供等記録: who asked whom for what, under which legal basis, with which outcome. Never a payload value.
/// Fields taken from an unverified permit are left empty: a refused message is recorded, not believed.
/// </summary>
public sealed record ProvisionRecordEntry(
    DateTimeOffset RecordedAt,
    RecordDirection Direction,
    string InquiryId,
    string PermitId,
    string InquirerInstitution,
    string ProviderInstitution,
    string Affair,
    string Procedure,
    string InformationName,
    string LegalBasis,
    ProvisionOutcome Outcome,
    string Reason,
    InternalAddressNumber? Person);
