using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Linkage.Storage.Database;

namespace Linkage.Gateway.Tests;

/// <summary>
/// With the writer's automatic checkpoint turned off, the checkpointer alone copies the write-ahead log back into the
/// database file, and it stops when asked.
/// </summary>
/// <remarks>
/// Progress is read without taking part in it. Asking SQLite (PRAGMA wal_checkpoint) would run a checkpoint from the
/// test's own connection and so always report the log as copied; instead the test reads the database file's size and
/// the wal-index in the -shm file, whose layout is SQLite's documented file format (https://sqlite.org/walformat.html):
/// mxFrame, the last valid frame of the log, at byte 16 of the header, and nBackfill, the frames already copied back,
/// at byte 96, both in native byte order.
/// </remarks>
public sealed class WalCheckpointerTests : IDisposable
{
    private const int Rows = 3_000;
    private const int RowsPerCommit = 100;

    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _path = Path.Combine(Path.GetTempPath(), "linkage-wal-checkpointer-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(file);
    }

    [Fact(Timeout = 60_000)]
    public async Task Started_it_copies_every_committed_frame_back_into_the_database_file_and_then_stops_promptly()
    {
        var ct = CancellationToken.None;
        await using var writer = OpenWriter(autoCheckpointPages: 0);
        // About one page a row (a 3,000-byte body; two do not fit in a 4 KiB page), committed a hundred rows at a time.
        for (var first = 1; first <= Rows; first += RowsPerCommit)
            Execute(writer, $"""
                WITH RECURSIVE n(i) AS (SELECT {first} UNION ALL SELECT i + 1 FROM n WHERE i < {first + RowsPerCommit - 1})
                INSERT INTO rows (id, body) SELECT i, randomblob(3000) FROM n;
                """);
        var pageCount = (long)Scalar(writer, "PRAGMA page_count")!;
        var pageSize = (long)Scalar(writer, "PRAGMA page_size")!;
        Assert.True(pageCount >= Rows, $"only {pageCount} pages");

        var before = ReadWalIndex();
        Assert.True(before.LastFrame >= Rows, $"only {before.LastFrame} frames in the log");
        Assert.True(before.LastFrame > before.CopiedBack, $"log {before.LastFrame}, copied back {before.CopiedBack} before the checkpointer started");
        Assert.True(new FileInfo(_path).Length < pageCount * pageSize, "the database file already holds every page");

        using var checkpointer = new WalCheckpointer(SqlitePragmas.ConnectionString(_path), NullLogger<WalCheckpointer>.Instance);
        await checkpointer.StartAsync(ct);

        var after = await PollUntilAsync(() =>
        {
            var index = ReadWalIndex();
            return (index.LastFrame > 0 && index.CopiedBack == index.LastFrame, index);
        });
        Assert.Equal(before.LastFrame, after.LastFrame);
        Assert.Equal(pageCount * pageSize, new FileInfo(_path).Length);

        await checkpointer.StopAsync(ct).WaitAsync(HangGuard, ct);
        Assert.NotNull(checkpointer.ExecuteTask);
        Assert.True(checkpointer.ExecuteTask.IsCompletedSuccessfully, $"ExecuteAsync ended as {checkpointer.ExecuteTask.Status}");

        // Everything copied back is still all there, read through the writer's connection.
        Assert.Equal((long)Rows, Scalar(writer, "SELECT COUNT(*) FROM rows"));
        Assert.Equal("ok", Scalar(writer, "PRAGMA quick_check"));
    }

    [Fact(Timeout = 240_000)]
    public async Task Under_continuous_writes_beside_it_the_log_starts_over_once_the_writer_checkpoints()
    {
        var ct = CancellationToken.None;
        // As the record writer does, at a test-sized mark (the writer's is GroupCommitRecordWriter.AutoCheckpointPages).
        await using var writer = OpenWriter(autoCheckpointPages: 200);
        using var checkpointer = new WalCheckpointer(SqlitePragmas.ConnectionString(_path), NullLogger<WalCheckpointer>.Instance);
        await checkpointer.StartAsync(ct);

        // A writer that never pauses long enough for a passive checkpoint to catch up with it.
        using var stop = new CancellationTokenSource();
        var writing = Task.Factory.StartNew(() =>
        {
            for (var id = 1; !stop.IsCancellationRequested; id += 10)
            {
                Execute(writer, $"""
                    WITH RECURSIVE n(i) AS (SELECT {id} UNION ALL SELECT i + 1 FROM n WHERE i < {id + 9})
                    INSERT INTO rows (id, body) SELECT i, randomblob(3000) FROM n;
                    """);
                Thread.Yield();
            }
        }, TaskCreationOptions.LongRunning);

        var highest = 0u;
        await PollUntilAsync(() =>
        {
            var frames = ReadWalIndex().LastFrame;
            highest = Math.Max(highest, frames);
            return (highest >= 200 && frames < highest / 2, (highest, frames));
        }, TimeSpan.FromSeconds(120));
        await stop.CancelAsync();
        await writing.WaitAsync(HangGuard, ct);
        await checkpointer.StopAsync(ct).WaitAsync(HangGuard, ct);
        Assert.Equal("ok", Scalar(writer, "PRAGMA quick_check"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Stopped_before_its_first_round_it_ends_cleanly()
    {
        var ct = CancellationToken.None;
        using var checkpointer = new WalCheckpointer(SqlitePragmas.ConnectionString(_path), NullLogger<WalCheckpointer>.Instance);
        await checkpointer.StartAsync(ct);
        await checkpointer.StopAsync(ct).WaitAsync(HangGuard, ct);

        // Ended, and not by an exception; canceled is clean too (the host may cancel ExecuteAsync before it begins).
        Assert.NotNull(checkpointer.ExecuteTask);
        Assert.True(checkpointer.ExecuteTask.IsCompleted, $"ExecuteAsync is still {checkpointer.ExecuteTask.Status}");
        Assert.Null(checkpointer.ExecuteTask.Exception);
    }

    /// <summary>The test's writer: unpooled and open until the end, since the last connection to close would checkpoint
    /// the log itself; 0 pages turns its own checkpoint off.</summary>
    private SqliteConnection OpenWriter(int autoCheckpointPages)
    {
        var writer = SqlitePragmas.Unpooled(SqlitePragmas.ConnectionString(_path));
        writer.Open();
        Execute(writer, $"""
            PRAGMA journal_mode=WAL;
            PRAGMA wal_autocheckpoint={autoCheckpointPages};
            CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL);
            """);
        return writer;
    }

    private WalIndex ReadWalIndex()
    {
        // The -shm file is shared memory that SQLite maps; reading it as a file sees what the connections wrote.
        var bytes = new byte[136];
        using (var shm = new FileStream(_path + "-shm", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            shm.ReadExactly(bytes);
        return new WalIndex(ReadNative(bytes.AsSpan(16)), ReadNative(bytes.AsSpan(96)));
    }

    private static uint ReadNative(ReadOnlySpan<byte> bytes) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);

    /// <summary>Polls until <paramref name="probe"/> says done; the time limit only keeps a hung test from hanging the run.</summary>
    private static async Task<T> PollUntilAsync<T>(Func<(bool Done, T Seen)> probe, TimeSpan? hangGuard = null)
    {
        var guard = hangGuard ?? HangGuard;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var (done, seen) = probe();
            if (done) return seen;
            if (waited.Elapsed > guard) Assert.Fail($"still not done after {guard.TotalSeconds} s; last seen {seen}");
            await Task.Delay(PollInterval);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private readonly record struct WalIndex(uint LastFrame, uint CopiedBack);
}
