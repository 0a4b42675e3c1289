using System.Diagnostics;

namespace Linkage.Benchmarks;

/// <summary>A closed-loop load: <c>concurrency</c> workers each send their next request as soon as the last one returns.</summary>
public static class LoadRun
{
    public sealed record Result(int Calls, TimeSpan Elapsed, double P50, double P99, int Failures)
    {
        public double PerSecond => Calls / Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync<T>(IReadOnlyList<T> requests, int concurrency, Func<T, Task> call)
    {
        var latencies = new Latencies(requests.Count);
        var next = -1;
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                var started = Stopwatch.GetTimestamp();
                try { await call(requests[i]); }
                catch (Exception) { Interlocked.Increment(ref failures); }
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        clock.Stop();
        return new Result(requests.Count, clock.Elapsed, latencies.Percentile(50), latencies.Percentile(99), failures);
    }
}
