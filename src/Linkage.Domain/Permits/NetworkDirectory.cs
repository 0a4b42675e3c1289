namespace Linkage.Domain.Permits;

/// <summary>
/// The network's names of institutions and affairs by code, as the hub signed them with the permitted list: records
/// and held answers are shown to people in words, not only in codes.
/// </summary>
public sealed class NetworkDirectory(IReadOnlyDictionary<string, string> names)
{
    public static readonly NetworkDirectory Empty = new(new Dictionary<string, string>());

    public int Count => names.Count;

    /// <summary>The name published for <paramref name="code"/>, or an empty string when the hub published none.</summary>
    public string NameOf(string code) => names.TryGetValue(code, out var name) ? name : "";
}
