using Linkage.Storage.Database;
using Linkage.Storage.PostgreSql;
using Linkage.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Linkage.Gateway.Tests.PostgreSql;

/// <summary>
/// The connections of every provision's look-ups are read-only from their start (a startup option, not a SET after each
/// open), and stay so after the pool has lent them again without a reset; the other connections can write.
/// </summary>
[Trait("Storage", PostgresFactAttribute.Trait)]
public sealed class LookupConnectionTests
{
    private readonly string _place = Path.Combine(Path.GetTempPath(), "linkage-lookups-" + Guid.NewGuid().ToString("N"));

    [PostgresFact(Timeout = 120_000)]
    public async Task A_look_up_connection_refuses_writes_every_time_the_pool_lends_it_and_a_writing_one_writes()
    {
        using var storage = new PostgresStorage(TestStorage.InstitutionConnectionString(_place, TestNetwork.Hitachinaka));
        var options = new DbContextOptionsBuilder<LinkageDbContext>();
        storage.ConfigureContext(options);
        await using (var db = new LinkageDbContext(options.Options))
            await storage.MigrateAsync(db, CancellationToken.None);

        int? backend = null;
        for (var lent = 1; lent <= 3; lent++)
        {
            await using var lookup = storage.OpenReadOnly();
            var pid = Convert.ToInt32(await Scalar(lookup, "SELECT pg_backend_pid()"));
            // The pool lends the same physical connection again: what holds is what survives the pool, not a fresh start.
            if (backend is { } first) Assert.Equal(first, pid);
            backend = pid;
            Assert.Equal("on", await Scalar(lookup, "SHOW default_transaction_read_only"));
            var refused = await Assert.ThrowsAsync<PostgresException>(() =>
                Scalar(lookup, """INSERT INTO "UsedPermits" ("PermitId", "ExpiresAtMs") VALUES ('lookup-test', 0)"""));
            Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);
        }

        await using var writer = storage.Open();
        Assert.Equal("off", await Scalar(writer, "SHOW default_transaction_read_only"));
        await Scalar(writer, """INSERT INTO "UsedPermits" ("PermitId", "ExpiresAtMs") VALUES ('lookup-test', 0)""");
    }

    private static async Task<object?> Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
