namespace Linkage.Sim.Population;

/// <summary>
/// One synthetic resident: the registry's keys, the four basic facts (基本4情報: name, sex, date of birth, address)
/// and the period of residence in the city; <see cref="ResidenceEnd"/> is set for a resident who left (消除).
/// </summary>
public sealed record Resident(
    int Index,
    string IndividualNumber,
    string ResidentCode,
    string FamilyName,
    string GivenName,
    string FamilyNameKana,
    string GivenNameKana,
    char Sex,
    DateOnly BirthDate,
    string Address,
    DateOnly ResidenceStart,
    DateOnly? ResidenceEnd)
{
    public bool HasLeft => ResidenceEnd is not null;
}
