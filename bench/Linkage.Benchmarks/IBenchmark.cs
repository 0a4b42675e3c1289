namespace Linkage.Benchmarks;

/// <summary>One benchmark: runs, then returns its section of BENCHMARKS.md (figures measured in this run only).</summary>
public interface IBenchmark
{
    string Name { get; }

    /// <summary>Whether it measures on PostgreSQL: scripts/bench.sh starts it under scripts/pg-local.sh, and without a
    /// cluster its section says it was not measured.</summary>
    bool NeedsPostgreSql => false;

    Task<string> RunAsync(CancellationToken ct);
}
