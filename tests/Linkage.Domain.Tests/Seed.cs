using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Tests;

/// <summary>
/// The seed's exchange, shared by the unit tests: Mito asks Hitachinaka (both mayors) for a resident's osteoporosis
/// screening under affair 139. The list's legal basis and the permit's differ on purpose, so that a record shows which
/// one it took.
/// </summary>
internal static class Seed
{
    public const string Mito = "1000082015000000";        // a mayor, the inquirer
    public const string Hitachinaka = "1000082210000000"; // a mayor, the provider
    public const string Kyokai = "1000091300000000";      // a health insurer: not a mayor
    public const string Mayors = "class:municipal-mayor";

    public const string Affair = "JM00000000000139";
    public const string OtherAffair = "JM00000000000140";
    public const string Procedure = "JT00000000013901";
    public const string OtherProcedure = "JT00000000013902";
    public const string Cancer = "TM00000000013901";
    public const string Osteoporosis = "TM00000000013903";
    public const string Periodontal = "TM00000000013904";

    public const string ListLegalBasis = "番号法第19条第8号 別表139の項 / 主務省令第141条";
    public const string PermitLegalBasis = "番号法第19条第8号";

    public const string PersonNumber = "082210000000007";       // Hitachinaka's number for the resident
    public const string InquirerPersonNumber = "082010000000007"; // Mito's number for the same resident
    public const string ProviderSymbol = "S4f2b7c1e9d0a8b3c6e5f4a2d1c0b9e8a";
    public const string InquirerSymbol = "Sa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5";

    public const string PermitId = "9c1d5e0f7a2b4c8d9e3f6a1b2c4d5e6f";
    public const string InquiryId = "0b7e3a9c5d1f4e2a8b6c0d9e7f1a3b5c";
    public const long ListVersion = 2;
    public const long WithdrawnListVersion = 1;

    /// <summary>10:30 in Japan on 1 July 2025.</summary>
    public static readonly DateTimeOffset Now = new(2025, 7, 1, 1, 30, 0, TimeSpan.Zero);

    public static readonly InternalAddressNumber Person = InternalAddressNumber.Parse(PersonNumber);
    public static readonly InternalAddressNumber InquirerPerson = InternalAddressNumber.Parse(InquirerPersonNumber);

    /// <summary>Mito's permit for Hitachinaka, issued five seconds ago and good for two minutes.</summary>
    public static PermitClaims Permit(string informationName = Osteoporosis) => new(
        PermitId: PermitId,
        InquiryId: InquiryId,
        Inquirer: InstitutionCode.Parse(Mito),
        Provider: InstitutionCode.Parse(Hitachinaka),
        Affair: AffairCode.Parse(Affair),
        Procedure: ProcedureCode.Parse(Procedure),
        InformationName: InformationNameCode.Parse(informationName),
        ProviderSymbol: Symbol.Parse(ProviderSymbol),
        InquirerPublicKey: new byte[32],
        IssuedAt: Now.AddSeconds(-5),
        ExpiresAt: Now.AddMinutes(2),
        ListVersion: ListVersion,
        LegalBasis: PermitLegalBasis);

    public static SignedPermitData SignedPermit() => new([0x0a, 0x01], new byte[64], "hub-test-1");

    /// <summary>An entry of the list: by default any mayor may ask Hitachinaka for osteoporosis under affair 139.</summary>
    public static PermittedEntry Entry(string informationName = Osteoporosis, string inquirer = Mayors,
        string affair = Affair, string procedure = Procedure, string provider = Hitachinaka,
        DateOnly? validFrom = null, DateOnly? validTo = null, string legalBasis = ListLegalBasis) => new(
        inquirer, AffairCode.Parse(affair), ProcedureCode.Parse(procedure), InstitutionCode.Parse(provider),
        InformationNameCode.Parse(informationName), legalBasis, validFrom ?? new DateOnly(2015, 10, 5), validTo);

    /// <summary>List version 2 (version 1 withdrawn) with the given entries, or the default entry; the mayors are Mito and Hitachinaka.</summary>
    public static PermittedList List(params PermittedEntry[] entries) => new(
        ListVersion, Now.AddDays(-1), entries.Length == 0 ? [Entry()] : entries,
        new Dictionary<string, IReadOnlySet<string>> { [Mayors] = new HashSet<string> { Mito, Hitachinaka } },
        new HashSet<long> { WithdrawnListVersion });

    /// <summary>Hitachinaka's copy of the resident's screening, valid from 1 June 2025.</summary>
    public static ProvisionCopy Copy(string informationName = Osteoporosis, string recordKey = "2025-57-1", int version = 1) =>
        new(Person, InformationNameCode.Parse(informationName), recordKey, version, new DateOnly(2025, 6, 1), null,
            [new ItemEntry("9N001000000000001", "158.2"), new ItemEntry("9Z507000000000011", "2")]);
}
