using System.Globalization;
using Linkage.Contracts.V1;
using Linkage.Domain.Copies;
using Linkage.Sim.Population;

namespace Linkage.HealthSystem.Sim;

/// <summary>
/// A resident's screening results of one fiscal year as provision copies: only the screenings the resident is eligible
/// for and took part in (by age and sex), every primary-stage coded item from its code system (mostly the normal
/// finding), a positive result as often as the program's referral rate, and a detailed examination (stage 2) only
/// after a positive primary result and only for those who went to it. Reproducible per (resident, year).
/// </summary>
public static class ScreeningResults
{
    private static readonly ItemCatalogue Catalogue = ItemCatalogue.Default;

    public static IEnumerable<Copy> For(Resident resident, string internalAddressNumber, int fiscalYear)
    {
        var age = fiscalYear - resident.BirthDate.Year;
        var random = new Random(HashCode.Combine(resident.Index, fiscalYear));
        foreach (var program in ScreeningProgram.All)
        {
            if (!program.Eligible(resident.Sex, age) || random.NextDouble() >= program.Participation) continue;
            var positive = random.NextDouble() < program.ReferralRate;
            yield return Copy(program, 1, positive, resident, age, internalAddressNumber, fiscalYear, random);
            if (positive && random.NextDouble() < program.FollowUpRate)
                yield return Copy(program, 2, true, resident, age, internalAddressNumber, fiscalYear, random);
        }
    }

    /// <summary>The osteoporosis primary result of a resident, whether or not they would have taken part (demo data).</summary>
    public static Copy OsteoporosisPrimary(Resident resident, string internalAddressNumber, int fiscalYear) =>
        Copy(ScreeningProgram.All.Single(p => p.ReportCategory == 57), 1, false, resident, fiscalYear - resident.BirthDate.Year,
            internalAddressNumber, fiscalYear, new Random(HashCode.Combine(resident.Index, fiscalYear, 57)));

    private static Copy Copy(ScreeningProgram program, int stage, bool positive, Resident resident, int age, string person, int year, Random random)
    {
        var copy = new Copy
        {
            InternalAddressNumber = person,
            InformationNameCode = program.InformationName,
            RecordKey = $"{year}-{program.ReportCategory}-{stage}",
            Version = 1,
            ValidFrom = new DateOnly(year, 5, 1).AddDays(random.Next(0, 240) + (stage - 1) * 60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        foreach (var item in Catalogue.ItemsOf(program.ReportCategory, stage))
            if (Value(item, program, stage, positive, resident, age, random) is { } value)
                copy.Items.Add(new ItemValue { ItemCode = item.ItemCode, Value = value });
        return copy;
    }

    private static string? Value(CatalogueItem item, ScreeningProgram program, int stage, bool positive, Resident resident, int age, Random random)
    {
        if (item.Type == ItemType.Code)
        {
            var codes = Catalogue.CodesOf(item.CodeSystem!).OrderBy(c => c.Length).ThenBy(c => c, StringComparer.Ordinal).ToList();
            if (item.ItemCode == program.ReferralItem)
                return positive ? (codes.Contains("3") && program.ReportCategory is 57 or 58 ? "3" : "2") : "1";
            if (stage == 2)
                // A detailed examination mostly clears the person; otherwise one of the other findings.
                return random.NextDouble() < 0.6 ? codes[0] : codes[1 + random.Next(codes.Count - 1)];
            // Primary findings: the first code is the normal or "none" answer for these code systems.
            return random.NextDouble() < 0.85 ? codes[0] : codes[random.Next(codes.Count)];
        }
        if (item.Type == ItemType.Number) return Number(item, resident, age, random);
        // Free text and dates are optional in the standard; a finding is written only for positive results.
        return item.Type == ItemType.Text && positive && item.Name.EndsWith("所見", StringComparison.Ordinal) && item.MaxBytes >= 100
            ? "要精密検査" : null;
    }

    private static string? Number(CatalogueItem item, Resident resident, int age, Random random)
    {
        var male = resident.Sex == 'M';
        double? value = item.Name switch
        {
            var n when n.Contains("身長") => Normal(random, male ? 168 : 155, 6) - Math.Max(0, age - 60) * 0.1,
            var n when n.Contains("体重") => Normal(random, male ? 66 : 53, 9),
            var n when n.Contains("閉経年齢") => male ? null : Math.Round(Normal(random, 50, 3)),
            var n when n.Contains("飲酒量") => random.NextDouble() < 0.5 ? 0 : random.Next(1, 4),
            var n when n.Contains("喫煙指数") => random.NextDouble() < 0.7 ? 0 : random.Next(100, 1200),
            var n when n.Contains("骨密度") || n.Contains("結果") => Normal(random, 0.85 - Math.Max(0, age - 50) * 0.005, 0.12),
            var n when n.Contains("骨量値") => Normal(random, 90 - Math.Max(0, age - 50) * 0.6, 12),
            var n when n.Contains("年齢") => random.NextDouble() < 0.7 ? null : random.Next(18, Math.Max(19, Math.Min(age, 99))),
            var n when n.Contains("本数") => random.NextDouble() < 0.8 ? null : random.Next(5, 40),
            var n when n.Contains("現在歯数") || n.Contains("健全歯数") => Math.Clamp(Math.Round(Normal(random, 32 - age * 0.15, 3)), 0, 32),
            var n when n.Contains("歯数") => random.Next(0, 6),
            _ => null,
        };
        if (value is null) return null;
        var text = Math.Max(0, value.Value).ToString(item.MaxBytes >= 5 ? "0.0##" : "0", CultureInfo.InvariantCulture);
        return text.Length <= item.MaxBytes ? text : text[..item.MaxBytes].TrimEnd('.');
    }

    private static double Normal(Random random, double mean, double deviation) =>
        mean + deviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
