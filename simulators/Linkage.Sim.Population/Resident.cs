namespace Linkage.Sim.Population;

/// <summary>One synthetic resident: the registry's keys and the person's facts.</summary>
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
    string Address);
