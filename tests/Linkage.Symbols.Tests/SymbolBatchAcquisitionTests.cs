using Linkage.Domain.Codes;
using Linkage.Domain.Symbols;

namespace Linkage.Symbols.Tests;

public sealed class SymbolBatchAcquisitionTests
{
    private readonly FakeStore _store = new();
    private readonly RecordingObserver _observer = new();

    private SymbolBatchAcquisition Batch(SymbolBatchSettings settings) =>
        new(new FakeIssuer(), _store, TimeProvider.System, _observer, settings);

    private static string Person(int i) => "08221" + i.ToString("D10");

    private static string Number(int i) => "1" + i.ToString("D15");

    private static async IAsyncEnumerable<AcquisitionRow> Stream(IEnumerable<AcquisitionRow> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static IEnumerable<AcquisitionRow> Good(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new AcquisitionRow(Person(i), Number(i)));

    [Fact]
    public async Task Rows_over_several_chunks_in_flight_are_all_stored_once_per_chunk()
    {
        var report = await Batch(new SymbolBatchSettings(ChunkSize: 3, Parallelism: 2, ProgressEvery: 4)).AcquireAsync(Stream(Good(0, 10)), default);

        Assert.Equal((10L, 10L, 0L, 0L), (report.Counts.Received, report.Counts.Acquired, report.Counts.AlreadyAcquired, report.Counts.Failed));
        Assert.Equal(4, _store.Transactions);
        Assert.Equal(10, await _store.CountAsync(default));
        Assert.NotEmpty(_observer.Progresses);
        Assert.Equal(report.Counts.Acquired, _observer.Final!.Acquired);
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_position_and_reason_and_the_good_ones_stored()
    {
        var rows = new[]
        {
            new AcquisitionRow(Person(0), Number(0)),
            new AcquisitionRow("0822", Number(1)),                       // malformed person
            new AcquisitionRow(Person(2), "12"),                          // malformed number
            new AcquisitionRow(Person(3), "9" + 3.ToString("D15")),        // refused by the hub
            new AcquisitionRow(Person(0), Number(4)),                      // another symbol for person 0
            new AcquisitionRow(Person(0), Number(0)),                      // the same mapping again
            new AcquisitionRow(Person(6), Number(6)),
        };
        var report = await Batch(new SymbolBatchSettings(ChunkSize: 2, Parallelism: 1)).AcquireAsync(Stream(rows), default);

        Assert.Equal((7L, 2L, 1L, 4L), (report.Counts.Received, report.Counts.Acquired, report.Counts.AlreadyAcquired, report.Counts.Failed));
        Assert.Equal(
            [(1L, "MALFORMED_CODE"), (2L, "MALFORMED_CODE"), (3L, "ACQUISITION_NUMBER_USED"), (4L, "SYMBOL_CONFLICT")],
            report.Failures.Select(f => (f.Position, f.Reason)));
        Assert.Equal(2, report.Counts.FailuresByReason["MALFORMED_CODE"]);
        Assert.Null(await _store.GetMappingAsync(InternalAddressNumber.Parse(Person(3)), default));
    }

    [Fact]
    public async Task A_chunk_the_hub_cannot_answer_is_reported_row_by_row_and_none_of_it_stored()
    {
        var rows = Good(0, 4).Append(new AcquisitionRow(Person(4), FakeIssuer.Unreachable)).Concat(Good(5, 3));
        var report = await Batch(new SymbolBatchSettings(ChunkSize: 4, Parallelism: 2)).AcquireAsync(Stream(rows), default);

        Assert.Equal([4L, 5L, 6L, 7L], report.Failures.Select(f => f.Position));
        Assert.All(report.Failures, f => Assert.Equal("PEER_UNAVAILABLE", f.Reason));
        Assert.Equal(4, report.Counts.Acquired);
        Assert.Equal((4, "PEER_UNAVAILABLE"), Assert.Single(_observer.FailedChunks));
        Assert.Null(await _store.GetMappingAsync(InternalAddressNumber.Parse(Person(5)), default));
    }

    [Fact]
    public async Task A_retired_person_is_not_acquired_again()
    {
        await Batch(SymbolBatchSettings.Default).AcquireAsync(Stream(Good(0, 2)), default);
        await _store.RetireAsync(InternalAddressNumber.Parse(Person(1)), DateTimeOffset.UtcNow, default);

        var report = await Batch(SymbolBatchSettings.Default).AcquireAsync(Stream(Good(0, 2)), default);
        Assert.Equal(1, report.Counts.AlreadyAcquired);
        Assert.Equal((1L, "PERSON_RETIRED"), report.Failures.Select(f => (f.Position, f.Reason)).Single());
    }

    [Fact]
    public async Task Failures_beyond_the_listed_maximum_are_counted_but_not_listed()
    {
        var rows = Enumerable.Range(0, 50).Select(i => new AcquisitionRow("bad", Number(i)));
        var report = await Batch(new SymbolBatchSettings(MaxListedFailures: 3)).AcquireAsync(Stream(rows), default);

        Assert.Equal(50, report.Counts.Failed);
        Assert.Equal([0L, 1L, 2L], report.Failures.Select(f => f.Position));
        Assert.Equal(47, report.FailuresOmitted);
    }

    [Fact]
    public async Task An_empty_stream_reports_zero()
    {
        var report = await Batch(SymbolBatchSettings.Default).AcquireAsync(Stream([]), default);
        Assert.Equal(0, report.Counts.Received);
        Assert.NotNull(_observer.Final);
    }

    [Fact]
    public void An_acquisition_number_never_renders_in_text() =>
        Assert.Equal("[redacted]", $"{AcquisitionNumber.Parse(Number(1))}");

    [Fact]
    public async Task An_unexpected_storage_failure_ends_the_batch_instead_of_being_lost()
    {
        var batch = new SymbolBatchAcquisition(new FakeIssuer(), new BrokenStore(), TimeProvider.System, _observer,
            new SymbolBatchSettings(ChunkSize: 2, Parallelism: 1));
        await Assert.ThrowsAsync<IOException>(() => batch.AcquireAsync(Stream(Good(0, 10)), default));
        Assert.Null(_observer.Final);
    }

    private sealed class BrokenStore : ISymbolStore
    {
        public Task<InternalAddressNumber?> FindPersonAsync(Symbol symbol, CancellationToken ct) => throw new NotSupportedException();
        public Task<Symbol?> FindSymbolAsync(InternalAddressNumber person, CancellationToken ct) => throw new NotSupportedException();
        public Task<SymbolMapping?> GetMappingAsync(InternalAddressNumber person, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<MappingOutcome>> AddManyAsync(IReadOnlyList<(InternalAddressNumber Person, Symbol Symbol)> mappings, DateTimeOffset acquiredAt, CancellationToken ct) =>
            throw new IOException("disk full");
        public Task<SymbolMapping?> RetireAsync(InternalAddressNumber person, DateTimeOffset retiredAt, CancellationToken ct) => throw new NotSupportedException();
        public Task<long> CountAsync(CancellationToken ct) => throw new NotSupportedException();
    }
}
