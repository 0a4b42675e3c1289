namespace Linkage.Storage.Leadership;

/// <summary>A database that only one node opens (a SQLite file): that node leads every job.</summary>
public sealed class AlwaysLeader : ILeadership
{
    public Task<bool> LeadsAsync(string job, CancellationToken ct) => Task.FromResult(true);
}
