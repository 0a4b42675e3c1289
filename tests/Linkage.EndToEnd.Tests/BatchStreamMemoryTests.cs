using System.Diagnostics;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Testing;
using Xunit.Abstractions;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>Tests that measure this process's memory, run after the others and alone, so that theirs is not counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "measured alone";
}

/// <summary>
/// A health system that streams five million distinct copies at a gateway bound to half a million per stream (the
/// default is two million; a quarter of that keeps the test within a minute or two on a busy machine, and the duplicate
/// check is left at its default): refused at the bound with BATCH_TOO_LARGE, the gateway having stopped reading there,
/// nothing of the batch left behind, and the process's managed memory flat while it streamed (the copies are made as
/// they are sent, so what could grow is the gateway's). RELIABILITY.md, "Resource bounds", holds the figures it prints.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class BatchStreamMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Streamed = 5_000_000;
    // Growth over the heap as it was before the stream: the tests before this one leave caches and garbage of their
    // own behind (600 MiB of it after the PostgreSQL suite), which is no part of what the stream costs.
    private const long GrowthCeiling = 256L * 1024 * 1024;
    // LINKAGE_STREAM_BOUND=2000000 measures at the default bound (some minutes on a busy machine).
    private static readonly int Bound = int.TryParse(Environment.GetEnvironmentVariable("LINKAGE_STREAM_BOUND"), out var bound) ? bound : 500_000;

    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync(populationSize: 20,
        hitachiSettings: new Dictionary<string, string?> { ["Limits:CopiesPerBatchStream"] = Bound.ToString() });

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact(Timeout = 600_000)]
    public async Task Five_million_copies_are_refused_at_the_bound_with_flat_memory()
    {
        var copies = new CopyRegistration.CopyRegistrationClient(_network.HealthSystem(_network.Hitachi, Hitachinaka));
        var before = await RowsAsync();
        var written = 0L;
        var watch = Stopwatch.StartNew();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        using var sampler = new MemorySampler(() => Volatile.Read(ref written));

        RpcException refused;
        using (var call = copies.RegisterCopies())
        {
            try
            {
                for (var i = 0; i < Streamed; i++)
                {
                    await call.RequestStream.WriteAsync(new RegisterCopiesRequest { BatchId = "five-million", Copy = Copy(i) });
                    Volatile.Write(ref written, i + 1);
                }
                await call.RequestStream.CompleteAsync();
            }
            catch (RpcException)
            {
                // The gateway ended the call: its status is the response's.
            }
            refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        }
        var samples = sampler.Stop();
        watch.Stop();

        Assert.Equal((StatusCode.ResourceExhausted, "BATCH_TOO_LARGE"), (refused.StatusCode, refused.Reason()));
        // Stopped at the bound: what was written past it is at most what the transport's windows held.
        Assert.InRange(written, Bound, Bound + 200_000);
        Assert.Equal(before, await RowsAsync());
        var peak = samples.Max(s => s.Managed);
        output.WriteLine($"streamed {written:N0} copies of {Streamed:N0} in {watch.Elapsed.TotalSeconds:F1} s, refused at {Bound:N0}: {refused.Status.Detail}");
        output.WriteLine($"managed heap {Mib(baseline)} before the stream, peak {Mib(peak)}; peak working set {Mib(samples.Max(s => s.WorkingSet))}, {samples.Count} samples");
        foreach (var quarter in new[] { 0.25, 0.5, 0.75, 1.0 })
        {
            var upTo = samples.Where(s => s.Written <= Bound * quarter).ToList();
            if (upTo.Count > 0)
                output.WriteLine($"  up to {Bound * quarter:N0} copies: managed heap at most {Mib(upTo.Max(s => s.Managed))}, working set at most {Mib(upTo.Max(s => s.WorkingSet))}");
        }
        Assert.True(peak - baseline < GrowthCeiling,
            $"The managed heap grew from {Mib(baseline)} to {Mib(peak)} while streaming (ceiling on the growth {Mib(GrowthCeiling)}).");
    }

    private Copy Copy(int i) => new()
    {
        // Distinct records throughout: a new person for every copy.
        InternalAddressNumber = _network.Population.InternalAddressNumberOf(i, HitachinakaPrefix),
        InformationNameCode = Osteoporosis,
        RecordKey = "2025-57-1",
        Version = 1,
        ValidFrom = "2025-06-01",
        Items = { new ItemValue { ItemCode = "9N001000000000001", Value = "158.2" }, new ItemValue { ItemCode = "9N006000000000001", Value = "52.4" } },
    };

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F0} MiB";

    private async Task<(long Copies, long Batches)> RowsAsync()
    {
        await using var connection = _network.ConnectToHitachinaka();
        await using var count = connection.CreateCommand();
        count.CommandText = """SELECT (SELECT COUNT(*) FROM "Copies"), (SELECT COUNT(*) FROM "CopyBatches")""";
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>This process's managed heap and working set every 50 ms, with how far the stream had got.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly List<(long Written, long Managed, long WorkingSet)> _samples = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public MemorySampler(Func<long> written) => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                lock (_samples) _samples.Add((written(), GC.GetTotalMemory(false), Environment.WorkingSet));
                try { await Task.Delay(50, _stop.Token); }
                catch (OperationCanceledException) { }
            }
        });

        public IReadOnlyList<(long Written, long Managed, long WorkingSet)> Stop()
        {
            _stop.Cancel();
            _loop.Wait();
            lock (_samples) return _samples.ToList();
        }

        public void Dispose()
        {
            if (!_stop.IsCancellationRequested) Stop();
            _stop.Dispose();
        }
    }
}
