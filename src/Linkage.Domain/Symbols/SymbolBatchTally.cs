namespace Linkage.Domain.Symbols;

/// <summary>The running counts and failures of one batch, updated by the chunks in flight concurrently.</summary>
internal sealed class SymbolBatchTally(int maxListedFailures)
{
    private readonly object _gate = new();
    private readonly List<AcquisitionFailure> _failures = [];
    private readonly Dictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private long _received, _acquired, _already, _failed;

    public void Received() { lock (_gate) _received++; }

    public void Acquired(int count) { lock (_gate) _acquired += count; }

    public void Already(int count) { lock (_gate) _already += count; }

    public void Fail(long position, string reason, string description)
    {
        lock (_gate)
        {
            _failed++;
            _byReason[reason] = _byReason.GetValueOrDefault(reason) + 1;
            _failures.Add(new AcquisitionFailure(position, reason, description));
            // Keep memory bounded on a batch where everything fails: the lowest positions are the ones reported.
            if (_failures.Count > 2 * maxListedFailures) Trim();
        }
    }

    public SymbolBatchCounts Counts()
    {
        lock (_gate) return new SymbolBatchCounts(_received, _acquired, _already, _failed, new Dictionary<string, long>(_byReason));
    }

    public SymbolBatchReport Report()
    {
        lock (_gate)
        {
            Trim();
            return new SymbolBatchReport(Counts(), _failures.ToList(), _failed - _failures.Count);
        }
    }

    private void Trim()
    {
        _failures.Sort((a, b) => a.Position.CompareTo(b.Position));
        if (_failures.Count > maxListedFailures) _failures.RemoveRange(maxListedFailures, _failures.Count - maxListedFailures);
    }
}
