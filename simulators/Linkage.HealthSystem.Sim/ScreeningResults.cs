using System.Globalization;
using Linkage.Contracts.V1;
using Linkage.Domain.Copies;
using Linkage.Sim.Population;

namespace Linkage.HealthSystem.Sim;

/// <summary>
/// Plausible primary osteoporosis screening results (report category 57) for a resident: every primary-stage item of
/// the catalogue, coded items drawn from their code systems, numbers in a human range.
/// </summary>
public static class ScreeningResults
{
    public static Copy OsteoporosisPrimary(Resident resident, string internalAddressNumber, int fiscalYear)
    {
        var random = new Random(HashCode.Combine(resident.Index, fiscalYear, 57));
        var copy = new Copy
        {
            InternalAddressNumber = internalAddressNumber,
            InformationNameCode = InformationNames.OsteoporosisScreening.Code.Value,
            RecordKey = $"{fiscalYear}-57-1",
            Version = 1,
            ValidFrom = $"{fiscalYear}-06-01",
        };
        var catalogue = ItemCatalogue.Default;
        foreach (var item in catalogue.Items.Where(i => i.ReportCategory == 57 && i.Stage == 1).OrderBy(i => i.ItemCode, StringComparer.Ordinal))
            copy.Items.Add(new ItemValue { ItemCode = item.ItemCode, Value = ValueFor(item, catalogue, random, fiscalYear) });
        return copy;
    }

    private static string ValueFor(CatalogueItem item, ItemCatalogue catalogue, Random random, int fiscalYear) => item.Type switch
    {
        ItemType.Code => catalogue.CodesOf(item.CodeSystem!).OrderBy(c => c, StringComparer.Ordinal).ElementAt(
            random.Next(catalogue.CodesOf(item.CodeSystem!).Count)),
        ItemType.Number => Number(item, random),
        ItemType.Date => new DateOnly(fiscalYear, 6, 1).AddDays(random.Next(0, 180)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => "特記事項なし",
    };

    private static string Number(CatalogueItem item, Random random)
    {
        // Height and weight style values where the item allows five characters, small counts otherwise.
        var value = item.MaxBytes >= 5 ? (random.Next(400, 1800) / 10.0).ToString("0.0", CultureInfo.InvariantCulture)
            : random.Next(0, (int)Math.Pow(10, Math.Min(item.MaxBytes, 3))).ToString(CultureInfo.InvariantCulture);
        return value.Length <= item.MaxBytes ? value : value[..item.MaxBytes].TrimEnd('.');
    }
}
