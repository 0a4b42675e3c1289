using Linkage.Storage.Keys;
using System.Security.Cryptography;
using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Records;
using Linkage.Storage.Database;
using Linkage.Storage.Records;
using Linkage.Storage.Review;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linkage.Gateway.Tests;

/// <summary>
/// Another connection may hold the database's write lock for a moment while the record writer works (the checkpoint
/// job sealing a chain, an administrator's change): the writer's connection waits for it inside SQLite, whose busy
/// handler retries within milliseconds, instead of failing or leaving the wait to Microsoft.Data.Sqlite, which sleeps
/// 150 ms between attempts while every caller of the batch waits; and the appends that waited are stored in order.
/// </summary>
public sealed class ChainWriterLockTests : IDisposable
{
    private const string Institution = "1000082210000000";
    private const int Appends = 20;

    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly MigrationDatabase _database = new("linkage-chain-writer-lock");

    public void Dispose() => _database.Dispose();

    [Fact]
    public void A_writer_connection_has_SQLite_wait_for_the_write_lock()
    {
        using var connection = SqlitePragmas.Unpooled(SqlitePragmas.ConnectionString(_database.Path));
        connection.Open();
        Assert.Equal(0L, Scalar(connection, "PRAGMA busy_timeout"));

        SqlitePragmas.ApplyForWriter(connection);

        Assert.Equal((long)SqlitePragmas.WriterBusyTimeoutMilliseconds, Scalar(connection, "PRAGMA busy_timeout"));
        Assert.Equal(2L, Scalar(connection, "PRAGMA synchronous")); // FULL, as every connection
    }

    [Fact(Timeout = 60_000)]
    public async Task Appends_made_while_another_connection_holds_the_write_lock_wait_for_it_and_are_then_stored_in_order()
    {
        var ct = CancellationToken.None;
        await using (var db = _database.CreateDbContext())
            await DatabaseInitializer.MigrateAsync(db, ct);
        var connectionString = SqlitePragmas.ConnectionString(_database.Path);
        var scope = new InstitutionScope(InstitutionCode.Parse(Institution));
        using var writer = new GroupCommitRecordWriter(new SqliteStorage(_database.Path), scope,
            new HeldAttachmentWriter(scope, InstitutionDataKeys.Opened(scope, new AtRestCipher(new Dictionary<string, byte[]> { ["k"] = RandomNumberGenerator.GetBytes(32) }, "k"))),
            NullLogger<GroupCommitRecordWriter>.Instance);
        await writer.StartAsync(ct);
        // The writer reads the chain's tail when it starts; one append first, so that it is past that point.
        Assert.Equal(1L, await writer.AppendAsync(Entry(0), null, ct).WaitAsync(HangGuard, ct));

        using var holder = SqlitePragmas.Unpooled(connectionString);
        holder.Open();
        var hold = holder.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock, until committed
        var appends = Enumerable.Range(1, Appends).Select(i => writer.AppendAsync(Entry(i), null, ct)).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
        Assert.All(appends, append => Assert.False(append.IsCompleted, "an append completed while another connection held the write lock"));

        hold.Commit();
        var sequences = await Task.WhenAll(appends).WaitAsync(HangGuard, ct);
        await writer.StopAsync(ct);

        Assert.Equal(Enumerable.Range(2, Appends).Select(i => (long)i), sequences.Order());
        using var reader = SqlitePragmas.Unpooled(connectionString);
        reader.Open();
        Assert.Equal((long)Appends + 1, Scalar(reader, "SELECT COUNT(*) FROM ProvisionRecords"));
        // Each stored record links to the one before it: nothing of the batch that waited was lost or reordered.
        Assert.Equal(0L, Scalar(reader, """
            SELECT COUNT(*) FROM ProvisionRecords r JOIN ProvisionRecords p ON p.Sequence = r.Sequence - 1 WHERE r.PreviousHash <> p.Hash
            """));
    }

    private static ProvisionRecordEntry Entry(int n) => new(DateTimeOffset.UtcNow, RecordDirection.Incoming, $"inquiry-{n}", $"permit-{n}",
        "1000082015000000", Institution, "JM00000000000139", "JT00000000013901", "TM00000000013903", "basis",
        ProvisionOutcome.Provided, "", InternalAddressNumber.Parse($"0822100{n:D8}"));

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
