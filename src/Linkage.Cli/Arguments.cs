namespace Linkage.Cli;

/// <summary>"--name value" pairs after the command word; unknown or missing names are reported, not guessed.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            if (!e.Current.StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Expected an option like --name, got '{e.Current}'.");
            var name = e.Current[2..];
            _values[name] = e.MoveNext() ? e.Current : throw new ArgumentException($"Option --{name} needs a value.");
        }
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"Option --{name} is required.");

    public string Optional(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public int Number(string name, int fallback) =>
        _values.TryGetValue(name, out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
