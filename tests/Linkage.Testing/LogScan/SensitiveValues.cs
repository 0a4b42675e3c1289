using System.Text;

namespace Linkage.Testing.LogScan;

/// <summary>One value that no log may hold, and what kind of personal data it is. The kind is all a finding shows.</summary>
public sealed record SensitiveValue(string Kind, string Value);

/// <summary>
/// The values a log scan searches for, by kind. A value that is too short to tell apart from the numbers every log
/// holds anyway (a code "1", a count "25") is kept out and counted, so the report says what was not searched.
/// </summary>
public sealed class SensitiveValues
{
    public const string IndividualNumber = "individual-number";
    public const string ResidentCode = "resident-code";
    public const string Name = "name";
    public const string Address = "address";
    public const string InternalAddressNumber = "internal-address-number";
    public const string Symbol = "symbol";
    public const string PayloadValue = "payload-value";

    /// <summary>ASCII values shorter than this are not searched: "53.4" is, "1" and "25" are not.</summary>
    public const int ShortestAsciiValue = 4;

    private readonly Dictionary<string, SensitiveValue> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _tooShort = new(StringComparer.Ordinal);
    private readonly HashSet<(string, string)> _tooShortSeen = [];

    public IReadOnlyCollection<SensitiveValue> All => _values.Values;

    /// <summary>Distinct values searched per kind.</summary>
    public IReadOnlyDictionary<string, int> CountByKind =>
        _values.Values.GroupBy(v => v.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Distinct values per kind left out as too short to search.</summary>
    public IReadOnlyDictionary<string, int> TooShortByKind => _tooShort;

    public void Add(string kind, string value)
    {
        if (value.Contains('\t') || value.Contains('\n') || value.Contains('\r') || kind.Contains('\t'))
            throw new ArgumentException("A value or kind with a tab or line break cannot be stored.", nameof(value));
        if (string.IsNullOrWhiteSpace(value)) return;
        if (IsAscii(value) && value.Length < ShortestAsciiValue)
        {
            if (_tooShortSeen.Add((kind, value))) _tooShort[kind] = _tooShort.GetValueOrDefault(kind) + 1;
            return;
        }
        // The first kind wins: an internal address number read from a database and computed from the seed is one value.
        _values.TryAdd(value, new SensitiveValue(kind, value));
    }

    /// <summary>Written as kind TAB value per line; the file holds the values themselves, so it stays beside the run.</summary>
    public void Save(string path)
    {
        var text = new StringBuilder();
        foreach (var value in _values.Values) text.Append(value.Kind).Append('\t').Append(value.Value).Append('\n');
        foreach (var (kind, count) in _tooShort) text.Append('#').Append(kind).Append('\t').Append(count).Append('\n');
        File.WriteAllText(path, text.ToString(), Encoding.UTF8);
    }

    public static SensitiveValues Load(string path)
    {
        var values = new SensitiveValues();
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0) continue;
            if (line[0] == '#') values._tooShort[line[1..tab]] = int.Parse(line[(tab + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            else values.Add(line[..tab], line[(tab + 1)..]);
        }
        return values;
    }

    internal static bool IsAscii(string value) => value.All(char.IsAscii);
}
