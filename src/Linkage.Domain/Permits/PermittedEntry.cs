using Linkage.Domain.Codes;

namespace Linkage.Domain.Permits;

/// <summary>One allowed combination of the permitted-inquiry list (照会許可用照合リスト).</summary>
/// <param name="Inquirer">A 16-digit institution code, or the name of a class of institutions ("class:...").</param>
public sealed record PermittedEntry(
    string Inquirer,
    AffairCode Affair,
    ProcedureCode Procedure,
    InstitutionCode Provider,
    InformationNameCode InformationName,
    string LegalBasis,
    DateOnly ValidFrom,
    DateOnly? ValidTo)
{
    public bool IsValidOn(DateOnly day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo);
}
