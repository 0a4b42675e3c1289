namespace Linkage.Network.Sim.Faults;

/// <summary>
/// Where a reordered message waits for a later one of its kind to overtake it: every message passed on opens the gate
/// for those that were waiting when it came.
/// </summary>
public sealed class ReorderGate
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A message goes past: whoever waits is overtaken now.</summary>
    public void Pass()
    {
        TaskCompletionSource overtaken;
        lock (_lock)
        {
            overtaken = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        overtaken.SetResult();
    }

    /// <summary>Waits until the next message goes past, at most <paramref name="window"/> (a run may have no next one).</summary>
    public async Task HoldAsync(TimeSpan window, CancellationToken ct)
    {
        Task overtaken;
        lock (_lock) overtaken = _next.Task;
        await Task.WhenAny(overtaken, Task.Delay(window, ct));
        ct.ThrowIfCancellationRequested();
    }
}
