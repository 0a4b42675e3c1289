using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Linkage.Testing;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// Every call of a load across a database failover: what it wrote, on which node, when it started and ended on one
/// clock, and how it ended. From them, the figures of a take-over: the first write acknowledged after the kill, and
/// the calls that failed meanwhile.
/// </summary>
internal sealed class TakeoverLoad
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<Call> _calls = new();

    /// <summary>One call: its kind ("provision", "copy"), the node asked, the key it wrote, its times, and its failure if it failed.</summary>
    public sealed record Call(string Kind, int Node, string Key, TimeSpan Started, TimeSpan Ended, string? Failure)
    {
        public bool Acknowledged => Failure is null;
    }

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<Call> Calls => _calls.ToList();

    /// <summary>A caller's pause after a failed call before its next, as a back-office system would wait before trying again.</summary>
    public static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Runs one call and records how it ended; an RpcException is a failure (followed by
    /// <see cref="PauseAfterFailure"/>), anything else fails the load.
    /// </summary>
    public async Task RunAsync(string kind, int node, string key, Func<Task> call, CancellationToken stop)
    {
        var started = Now;
        string? failure = null;
        try
        {
            await call();
        }
        catch (RpcException error)
        {
            failure = $"{error.StatusCode} {error.Reason()}";
        }
        _calls.Enqueue(new Call(kind, node, key, started, Now, failure));
        if (failure is not null && !stop.IsCancellationRequested)
            await Task.Delay(PauseAfterFailure, CancellationToken.None);
    }

    public IEnumerable<Call> Acknowledged(string kind) => _calls.Where(c => c.Kind == kind && c.Acknowledged);

    /// <summary>Acknowledged calls of <paramref name="kind"/> on <paramref name="node"/> that started at or after <paramref name="since"/>.</summary>
    public int AcknowledgedSince(string kind, int node, TimeSpan since) =>
        _calls.Count(c => c.Kind == kind && c.Node == node && c.Acknowledged && c.Started >= since);

    /// <summary>When the first call of <paramref name="kind"/> started after <paramref name="since"/> was acknowledged, by any node or by <paramref name="node"/>.</summary>
    public TimeSpan? FirstAcknowledgedAfter(string kind, TimeSpan since, int? node = null) =>
        _calls.Where(c => c.Kind == kind && c.Acknowledged && c.Started >= since && (node is null || c.Node == node))
            .Select(c => (TimeSpan?)c.Ended).Min();

    public IReadOnlyList<Call> Failed(string kind) => _calls.Where(c => c.Kind == kind && !c.Acknowledged).ToList();
}
