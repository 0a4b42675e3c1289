using System.Data.Common;

namespace Linkage.Testing;

/// <summary>
/// How many rows every table of some gateways' data holds at one moment, each table named "database/table". Taken
/// before and after a call, <see cref="Since"/> is everything the call left behind, table by table: rows added, and
/// rows removed as negative counts. The tables come from the databases themselves (<see cref="TestStorage.Tables"/>),
/// so a table no test knows of is counted too.
/// </summary>
public sealed class RowCounts
{
    private readonly SortedDictionary<string, long> _counts;

    private RowCounts(SortedDictionary<string, long> counts) => _counts = counts;

    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Counts every table of each database, named by its label.</summary>
    public static RowCounts Take(IEnumerable<(string Label, Func<DbConnection> Connect)> databases)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (label, connect) in databases)
        {
            using var connection = connect();
            foreach (var table in TestStorage.Tables(connection))
            {
                using var count = connection.CreateCommand();
                count.CommandText = $"SELECT COUNT(*) FROM {TestStorage.Quoted(table)}";
                counts[$"{label}/{table}"] = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return new RowCounts(counts);
    }

    /// <summary>The tables whose count changed since <paramref name="before"/>, with the change; a table made or dropped meanwhile counts from or to zero.</summary>
    public IReadOnlyDictionary<string, long> Since(RowCounts before)
    {
        var changes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in _counts.Keys.Union(before._counts.Keys))
        {
            var change = _counts.GetValueOrDefault(table) - before._counts.GetValueOrDefault(table);
            if (change != 0) changes[table] = change;
        }
        return changes;
    }

    /// <summary>Changes in words, e.g. "hitachinaka/OperationLog +1", or "nothing".</summary>
    public static string Describe(IReadOnlyDictionary<string, long> changes) =>
        changes.Count == 0 ? "nothing" : string.Join(", ", changes.Select(c => $"{c.Key} {c.Value:+0;-0}"));
}
