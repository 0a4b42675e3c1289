using Linkage.Domain.Codes;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Copies;

/// <summary>
/// The information names of the seed (健康増進法による健康増進事業): cancer (report categories 51–55),
/// hepatitis virus (56) and osteoporosis (57) screening may be provided; periodontal disease screening (58)
/// is held for the health promotion program but is never provided.
/// </summary>
public static class InformationNames
{
    public static readonly InformationName CancerScreening = new(
        InformationNameCode.Parse("TM00000000013901"), "がん検診情報", new HashSet<int> { 51, 52, 53, 54, 55 }, true);

    public static readonly InformationName HepatitisVirusScreening = new(
        InformationNameCode.Parse("TM00000000013902"), "肝炎ウイルス検診情報", new HashSet<int> { 56 }, true);

    public static readonly InformationName OsteoporosisScreening = new(
        InformationNameCode.Parse("TM00000000013903"), "骨粗鬆症検診情報", new HashSet<int> { 57 }, true);

    public static readonly InformationName PeriodontalScreening = new(
        InformationNameCode.Parse("TM00000000013904"), "歯周疾患検診情報", new HashSet<int> { 58 }, false);

    public static IReadOnlyList<InformationName> All { get; } =
        [CancerScreening, HepatitisVirusScreening, OsteoporosisScreening, PeriodontalScreening];

    public static InformationName Require(InformationNameCode code, string field = "information_name_code")
    {
        // A loop, not a query: this runs for every copy of a bulk load, and a query allocates on each call.
        foreach (var name in All)
            if (name.Code == code) return name;
        throw DomainException.InvalidField(field, ErrorReasons.UnknownInformationName, "This gateway holds no such information name.");
    }
}
