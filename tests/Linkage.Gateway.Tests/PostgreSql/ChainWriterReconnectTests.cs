using Linkage.Domain;
using Linkage.Domain.Codes;
using Linkage.Domain.Staff;
using Linkage.Storage.Database;
using Linkage.Storage.PostgreSql;
using Linkage.Storage.Staff;
using Linkage.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Linkage.Gateway.Tests.PostgreSql;

/// <summary>
/// A chain writer whose connection the server ended while it was idle (a failover, an administrator's
/// pg_terminate_backend) finds out on its next batch, before any commit was sent: the batch goes again on a new
/// connection and is stored, the chain going on from its tail, instead of its callers failing or the writer stopping.
/// </summary>
[Trait("Storage", PostgresFactAttribute.Trait)]
public sealed class ChainWriterReconnectTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly string _place = Path.Combine(Path.GetTempPath(), "linkage-reconnect-" + Guid.NewGuid().ToString("N"));

    [PostgresFact(Timeout = 120_000)]
    public async Task An_append_after_the_server_ended_the_writers_idle_session_is_stored_next_in_the_chain()
    {
        var ct = CancellationToken.None;
        var connection = TestStorage.InstitutionConnectionString(_place, TestNetwork.Hitachinaka);
        using var storage = new PostgresStorage(connection);
        var options = new DbContextOptionsBuilder<LinkageDbContext>();
        storage.ConfigureContext(options);
        await using (var db = new LinkageDbContext(options.Options))
            await storage.MigrateAsync(db, ct);
        var scope = new InstitutionScope(InstitutionCode.Parse(TestNetwork.Hitachinaka));
        using var writer = new OperationLogWriter(storage, scope, NullLogger<OperationLogWriter>.Instance);
        await writer.StartAsync(ct);
        Assert.Equal(1L, await writer.AppendAsync(Entry("first"), ct).WaitAsync(HangGuard, ct));

        var ended = await EndSessionsAsync(new NpgsqlConnectionStringBuilder(connection));
        Assert.True(ended > 0, "no session of the institution's role was there to end");

        Assert.Equal(2L, await writer.AppendAsync(Entry("after"), ct).WaitAsync(HangGuard, ct));
        Assert.Equal(3L, await writer.AppendAsync(Entry("later"), ct).WaitAsync(HangGuard, ct));
        await writer.StopAsync(ct);

        await using var check = new LinkageDbContext(options.Options);
        var stored = await check.OperationLog.AsNoTracking().OrderBy(o => o.Sequence).Select(o => new { o.Sequence, o.Target }).ToListAsync(ct);
        Assert.Equal([(1L, "first"), (2L, "after"), (3L, "later")], stored.Select(o => (o.Sequence, o.Target)));
    }

    private static OperationEntry Entry(string target) =>
        new(DateTimeOffset.UtcNow, CallerKind.Staff, "staff-0001", "", "/linkage.v1.Review/Approve", target, OperationOutcome.Done, "");

    /// <summary>Ends every session of the institution's role in its database, as the superuser; returns how many.</summary>
    private static async Task<int> EndSessionsAsync(NpgsqlConnectionStringBuilder institution)
    {
        await using var admin = new NpgsqlConnection(TestStorage.AdminConnectionString);
        await admin.OpenAsync();
        await using var end = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = @role AND datname = @database", admin);
        end.Parameters.AddWithValue("role", institution.Username!);
        end.Parameters.AddWithValue("database", institution.Database!);
        return (int)(long)(await end.ExecuteScalarAsync())!;
    }
}
