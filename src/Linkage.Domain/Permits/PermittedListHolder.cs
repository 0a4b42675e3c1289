namespace Linkage.Domain.Permits;

/// <summary>The current verified list, swapped atomically when a newer one arrives.</summary>
public sealed class PermittedListHolder : IPermittedListSource
{
    private volatile PermittedList? _current;

    public PermittedList? Current => _current;

    /// <summary>Takes the list unless an equal or newer version is already current.</summary>
    public bool Offer(PermittedList list)
    {
        while (true)
        {
            var current = _current;
            if (current is not null && current.Version >= list.Version) return false;
            if (Interlocked.CompareExchange(ref _current, list, current) == current) return true;
        }
    }
}
