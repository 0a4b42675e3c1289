using Linkage.Domain.Errors;

namespace Linkage.Domain;

/// <summary>
/// How many batch streams each caller has open: a caller at its limit is refused (RESOURCE_EXHAUSTED,
/// TOO_MANY_BATCHES) before anything of another stream is read, so that one system cannot hold every writer and all
/// the memory of the gateway's batches at once. Callers are named by the registry's id of them.
/// </summary>
public sealed class CallerBatchSlots(int perCaller)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    public int PerCaller => perCaller;

    /// <summary>Takes one of the caller's slots until the returned handle is disposed.</summary>
    public IDisposable Enter(string caller)
    {
        lock (_open)
        {
            _open.TryGetValue(caller, out var open);
            if (open >= perCaller)
                throw new DomainException(ErrorKind.ResourceExhausted, ErrorReasons.TooManyBatches,
                    $"This caller already has {perCaller} batch streams open; send the next when one has finished.");
            _open[caller] = open + 1;
        }
        return new Slot(this, caller);
    }

    private void Leave(string caller)
    {
        lock (_open)
        {
            // Callers without an open stream are forgotten, so the table holds only what runs now.
            if (_open[caller] == 1) _open.Remove(caller);
            else _open[caller]--;
        }
    }

    private sealed class Slot(CallerBatchSlots slots, string caller) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) slots.Leave(caller);
        }
    }
}
