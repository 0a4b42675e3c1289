using System.Collections.Concurrent;

namespace Linkage.Gateway.Jobs;

/// <summary>What each background job last did, for Administration.ListJobs: its state, when, and a line without personal data.</summary>
public sealed class JobBoard
{
    public sealed record Entry(string Name, string State, DateTimeOffset LastRun, string Detail);

    private readonly ConcurrentDictionary<string, Entry> _jobs = new(StringComparer.Ordinal);

    public void Report(string name, string state, DateTimeOffset at, string detail) => _jobs[name] = new Entry(name, state, at, detail);

    public IReadOnlyList<Entry> All => _jobs.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
}
