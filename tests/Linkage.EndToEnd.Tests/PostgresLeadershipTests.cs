using Linkage.Domain;
using Linkage.Domain.Codes;
using Linkage.Storage.Leadership;
using Linkage.Storage.PostgreSql;
using Linkage.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// The leader rule on PostgreSQL: one node of an institution leads a job at a time, each job on its own lock; a node
/// that closes its session, or whose session the server ends, leads nothing from its next check on, and the other
/// node takes over; another institution on the same database has leaders of its own.
/// </summary>
[Trait("Storage", PostgresFactAttribute.Trait)]
public sealed class PostgresLeadershipTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-leader-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private PostgresLeadership Node(string institution, string node) =>
        new((PostgresStorage)TestStorage.Open(Path.Combine(_folder, "shared.db"), institution),
            new InstitutionScope(InstitutionCode.Parse(institution), node), NullLogger<PostgresLeadership>.Instance);

    [PostgresFact(Timeout = 60_000)]
    public async Task One_node_leads_each_job_and_the_other_takes_over_once_the_leader_closes_its_session()
    {
        await using var first = Node(Hitachinaka, "node-1");
        await using var second = Node(Hitachinaka, "node-2");

        Assert.True(await first.LeadsAsync("retention", CancellationToken.None));
        Assert.False(await second.LeadsAsync("retention", CancellationToken.None));
        Assert.True(await first.LeadsAsync("retention", CancellationToken.None)); // it stays the leader
        Assert.True(await second.LeadsAsync("session-sweep", CancellationToken.None)); // each job has a lock of its own
        Assert.False(await first.LeadsAsync("session-sweep", CancellationToken.None));

        await first.DisposeAsync();

        Assert.False(await first.LeadsAsync("retention", CancellationToken.None));
        // The server lets go of the lock once it has ended the closed session: a moment later on a busy machine.
        await TakesOverAsync(second, "retention");
    }

    private static async Task TakesOverAsync(PostgresLeadership node, string job)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        while (!await node.LeadsAsync(job, CancellationToken.None))
        {
            Assert.True(DateTime.UtcNow < giveUp, "The other node did not take over within 30 seconds.");
            await Task.Delay(50);
        }
    }

    [PostgresFact(Timeout = 60_000)]
    public async Task A_leader_whose_session_the_server_ended_leads_nothing_and_the_other_node_takes_over()
    {
        await using var first = Node(Hitachinaka, "node-1");
        await using var second = Node(Hitachinaka, "node-2");
        Assert.True(await first.LeadsAsync("answer-outbox", CancellationToken.None));
        Assert.False(await second.LeadsAsync("answer-outbox", CancellationToken.None));

        // As when the server restarts or drops the session in a network fault: in the test's own database only.
        var database = new NpgsqlConnectionStringBuilder(TestStorage.InstitutionConnectionString(Path.Combine(_folder, "shared.db"), Hitachinaka)).Database;
        await using (var admin = new NpgsqlConnection(TestStorage.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'linkage-leader-node-1' AND datname = @database",
                admin);
            terminate.Parameters.AddWithValue("database", database!);
            Assert.Equal(1L, (long)(await terminate.ExecuteScalarAsync())!);
        }

        // The server lets go of the lock once the ended session is gone; the other node takes it at its next check.
        await TakesOverAsync(second, "answer-outbox");
        // The old leader finds its session gone and leads nothing: never two leaders of one job.
        Assert.False(await first.LeadsAsync("answer-outbox", CancellationToken.None));
    }

    [PostgresFact(Timeout = 60_000)]
    public async Task Another_institution_on_the_same_database_has_leaders_of_its_own()
    {
        await using var hitachinaka = Node(Hitachinaka, "node-1");
        await using var mito = Node(Mito, "node-1");

        Assert.True(await hitachinaka.LeadsAsync("retention", CancellationToken.None));
        Assert.True(await mito.LeadsAsync("retention", CancellationToken.None));
        Assert.NotEqual(PostgresLeadership.KeyOf(Hitachinaka, "retention"), PostgresLeadership.KeyOf(Mito, "retention"));
    }
}
