namespace Linkage.HealthSystem.Sim;

/// <summary>
/// Who is invited to which municipal screening and how often the result needs a detailed examination: ages and
/// sexes of the national guideline (がん予防重点健康教育及びがん検診実施のための指針 etc.), participation and referral
/// rates of the order of the national community health report (地域保健・健康増進事業報告).
/// </summary>
internal sealed record ScreeningProgram(
    int ReportCategory, string InformationName, Func<char, int, bool> Eligible, double Participation,
    string ReferralItem, double ReferralRate, double FollowUpRate)
{
    public static readonly ScreeningProgram[] All =
    [
        new(51, "TM00000000013901", (_, age) => age >= 40, 0.07, "9P504000000000011", 0.017, 0.80),       // lung
        new(52, "TM00000000013901", (sex, age) => sex == 'F' && age >= 40 && age % 2 == 0, 0.16, "9P522000000000011", 0.065, 0.88), // breast, every 2nd year
        new(53, "TM00000000013901", (_, age) => age >= 50, 0.07, "9P546000000000011", 0.060, 0.80),       // stomach
        new(54, "TM00000000013901", (sex, age) => sex == 'F' && age >= 20 && age % 2 == 0, 0.16, "9P562000000000011", 0.020, 0.75), // cervix
        new(55, "TM00000000013901", (_, age) => age >= 40, 0.07, "9P582000000000011", 0.060, 0.70),       // colorectal
        new(56, "TM00000000013902", (_, age) => age == 40 || (age > 40 && age % 5 == 0), 0.10, "9N401000000000011", 0.010, 0.70), // hepatitis
        new(57, "TM00000000013903", (sex, age) => sex == 'F' && age >= 40 && age <= 70 && age % 5 == 0, 0.15, "9P637000000000011", 0.20, 0.60), // osteoporosis
        new(58, "TM00000000013904", (_, age) => age is 40 or 50 or 60 or 70, 0.06, "9P690000000000011", 0.45, 0.50), // periodontal
    ];
}
