using System.Globalization;
using System.Reflection;
using System.Text;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Copies;

/// <summary>
/// The 166 screening items and the codes of their code systems, as shipped in Catalogue/ (a copy of
/// shared/reference/municipal-checkup). Validates one item value against its type, code system and byte limit.
/// </summary>
public sealed class ItemCatalogue
{
    private readonly Dictionary<string, CatalogueItem> _items;
    private readonly Dictionary<string, HashSet<string>> _codes;

    private ItemCatalogue(Dictionary<string, CatalogueItem> items, Dictionary<string, HashSet<string>> codes)
    {
        _items = items;
        _codes = codes;
    }

    public static ItemCatalogue Default { get; } = LoadEmbedded();

    public IReadOnlyCollection<CatalogueItem> Items => _items.Values;

    public CatalogueItem? Find(string itemCode) => _items.GetValueOrDefault(itemCode);

    /// <summary>The items of one report category (51–58) and checkup stage (1 primary, 2 detailed), in code order.</summary>
    public IReadOnlyList<CatalogueItem> ItemsOf(int reportCategory, int stage) =>
        _items.Values.Where(i => i.ReportCategory == reportCategory && i.Stage == stage)
            .OrderBy(i => i.ItemCode, StringComparer.Ordinal).ToList();

    public IReadOnlySet<string> CodesOf(string codeSystem) =>
        _codes.TryGetValue(codeSystem, out var set) ? set : new HashSet<string>();

    /// <summary>Null when the value fits the item; otherwise the reason and a description without the value.</summary>
    public (string Reason, string Description)? CheckValue(CatalogueItem item, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return (ErrorReasons.MissingField, $"Item {item.ItemCode} has no value.");
        if (Encoding.UTF8.GetByteCount(value) > item.MaxBytes)
            return (ErrorReasons.ValueTooLong, $"Item {item.ItemCode} allows at most {item.MaxBytes} bytes.");
        return item.Type switch
        {
            ItemType.Number when !IsNumber(value) =>
                (ErrorReasons.ValueWrongType, $"Item {item.ItemCode} takes a decimal number."),
            ItemType.Date when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) =>
                (ErrorReasons.ValueWrongType, $"Item {item.ItemCode} takes a date as YYYY-MM-DD."),
            ItemType.Code when item.CodeSystem is { } system && !CodesOf(system).Contains(value) =>
                (ErrorReasons.ValueNotInCodeSystem, $"Item {item.ItemCode} takes a code of {system}."),
            _ => null,
        };
    }

    private static bool IsNumber(string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    public static ItemCatalogue Parse(string itemsTsv, string codesTsv)
    {
        var codes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var row in Rows(codesTsv))
        {
            var system = row[0].StartsWith("urn:oid:", StringComparison.Ordinal) ? row[0]["urn:oid:".Length..] : row[0];
            if (!codes.TryGetValue(system, out var set)) codes[system] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(row[2]);
        }

        var items = new Dictionary<string, CatalogueItem>(StringComparer.Ordinal);
        foreach (var row in Rows(itemsTsv))
        {
            var item = new CatalogueItem(
                ItemCode: row[3],
                Name: row[2],
                Type: row[4] switch
                {
                    "コード" => ItemType.Code,
                    "数値" => ItemType.Number,
                    "文字列" => ItemType.Text,
                    "日付" => ItemType.Date,
                    var other => throw new FormatException($"Unknown data type '{other}' of item {row[3]}."),
                },
                MaxBytes: int.Parse(row[6], CultureInfo.InvariantCulture),
                CodeSystem: string.IsNullOrEmpty(row[7]) ? null : row[7],
                ReportCategory: int.Parse(row[10], CultureInfo.InvariantCulture),
                Stage: int.Parse(row[11], CultureInfo.InvariantCulture));
            if (item.CodeSystem is { } system && !codes.ContainsKey(system))
                throw new FormatException($"Item {item.ItemCode} names code system {system}, which has no codes.");
            if (!items.TryAdd(item.ItemCode, item))
                throw new FormatException($"Item {item.ItemCode} appears twice in the item table.");
        }
        return new ItemCatalogue(items, codes);
    }

    private static IEnumerable<string[]> Rows(string tsv) =>
        tsv.Split('\n').Skip(1).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(l => l.Split('\t'));

    private static ItemCatalogue LoadEmbedded()
    {
        var assembly = typeof(ItemCatalogue).Assembly;
        return Parse(Read(assembly, "items.tsv"), Read(assembly, "codes.tsv"));
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream($"Linkage.Domain.Catalogue.{name}")
            ?? throw new InvalidOperationException($"The embedded catalogue file {name} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
