using System.Diagnostics;

namespace Linkage.Benchmarks;

/// <summary>
/// The disk's flush latency while a measured run goes on beside it: a 4 KiB write and fsync to a file of its own
/// every 20 ms. On a machine whose disk is shared with other workers, this says whether a round that waited more
/// than it computed waited for the disk.
/// </summary>
public sealed class FlushProbe : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(20);

    private readonly CancellationTokenSource _stop = new();
    private readonly string _path;
    private readonly Task _loop;

    private FlushProbe(string folder)
    {
        Directory.CreateDirectory(folder);
        _path = Path.Combine(folder, $"flush-probe-{Guid.NewGuid():N}.bin");
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public Latencies Latencies { get; } = new(1_000);

    public static FlushProbe Start(string folder) => new(folder);

    private void Run()
    {
        var block = new byte[4096];
        using var file = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        while (!_stop.Token.WaitHandle.WaitOne(Every))
        {
            var started = Stopwatch.GetTimestamp();
            file.Position = 0;
            file.Write(block);
            file.Flush(flushToDisk: true);
            Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        File.Delete(_path);
    }
}
