using System.Diagnostics;

namespace Linkage.Benchmarks;

/// <summary>A closed-loop load: <c>concurrency</c> workers each send their next request as soon as the last one returns.</summary>
public static class LoadRun
{
    public sealed record Result(int Calls, TimeSpan Elapsed, Latencies Latencies, int Failures, TimeSpan ProcessorTime, long AllocatedBytes)
    {
        public double PerSecond => Calls / Elapsed.TotalSeconds;
        public double P50 => Latencies.Percentile(50);
        public double P99 => Latencies.Percentile(99);

        /// <summary>Processor time of this whole process per call (client and server together), in microseconds.</summary>
        public double CpuMicrosecondsPerCall => ProcessorTime.TotalMicroseconds / Calls;

        /// <summary>Managed memory allocated per call by the whole process, in kilobytes.</summary>
        public double AllocatedKilobytesPerCall => AllocatedBytes / 1024.0 / Calls;

        /// <summary>Share of the machine's cores busy during the run: near 1 means the run was bound by processor time.</summary>
        public double CoreUse => ProcessorTime / Elapsed / Environment.ProcessorCount;
    }

    public static async Task<Result> RunAsync<T>(IReadOnlyList<T> requests, int concurrency, Func<T, Task> call)
    {
        var latencies = new Latencies(requests.Count);
        var next = -1;
        var failures = 0;
        var processorBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
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
        var processorTime = Process.GetCurrentProcess().TotalProcessorTime - processorBefore;
        return new Result(requests.Count, clock.Elapsed, latencies, failures, processorTime, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }
}
