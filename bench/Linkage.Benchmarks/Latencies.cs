namespace Linkage.Benchmarks;

/// <summary>Per-call latencies of a run, and the percentiles reported.</summary>
public sealed class Latencies(int capacity)
{
    private readonly List<double> _milliseconds = new(capacity);
    private readonly object _gate = new();

    public void Add(double milliseconds)
    {
        lock (_gate) _milliseconds.Add(milliseconds);
    }

    public int Count => _milliseconds.Count;

    /// <summary>All the latencies of several runs together, for percentiles over the whole measurement.</summary>
    public static Latencies Combine(IEnumerable<Latencies> runs)
    {
        var all = new Latencies(0);
        foreach (var run in runs)
            lock (run._gate) all._milliseconds.AddRange(run._milliseconds);
        return all;
    }

    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_milliseconds.Count == 0) return double.NaN;
            var sorted = _milliseconds.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }
}
