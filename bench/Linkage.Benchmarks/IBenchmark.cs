namespace Linkage.Benchmarks;

/// <summary>One benchmark: runs, then returns its section of BENCHMARKS.md (figures measured in this run only).</summary>
public interface IBenchmark
{
    string Name { get; }

    Task<string> RunAsync(CancellationToken ct);
}
