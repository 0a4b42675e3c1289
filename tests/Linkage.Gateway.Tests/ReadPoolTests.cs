using System.Data.Common;
using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Linkage.Storage.Database;

namespace Linkage.Gateway.Tests;

/// <summary>
/// The read pool lends open, read-only connections whose statements are prepared once: a look-up through it finds the
/// rows committed so far, can never write, and none of its connections ever reaches a writer through
/// Microsoft.Data.Sqlite's own pool.
/// </summary>
public sealed class ReadPoolTests : IDisposable
{
    private const int Items = 500;
    private const string NameById = "SELECT name FROM items WHERE id = $id";

    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly string _path = Path.Combine(Path.GetTempPath(), "linkage-read-pool-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly string _connectionString;
    private readonly ReadPool _pool;

    public ReadPoolTests()
    {
        _connectionString = SqlitePragmas.ConnectionString(_path);
        using (var connection = new SqliteConnection(_connectionString))
        {
            connection.Open();
            using var setup = connection.CreateCommand();
            setup.CommandText = $"""
                PRAGMA journal_mode=WAL;
                CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Items})
                INSERT INTO items (id, name) SELECT i, 'item-' || i FROM n;
                """;
            setup.ExecuteNonQuery();
        }
        _pool = new ReadPool(new SqliteStorage(_path));
    }

    public void Dispose()
    {
        _pool.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(file);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_look_up_through_a_lease_finds_its_row_and_the_next_rent_reuses_the_same_prepared_command()
    {
        DbCommand first;
        using (var lease = _pool.Rent())
        {
            first = lease.Command(NameById, "$id");
            first.Parameters[0].Value = 7;
            Assert.Equal("item-7", first.ExecuteScalar());

            // Within the lease, the same SQL is the same command, now bound to another value.
            Assert.Same(first, lease.Command(NameById, "$id"));
            first.Parameters[0].Value = Items;
            Assert.Equal("item-" + Items, first.ExecuteScalar());

            first.Parameters[0].Value = Items + 1;
            Assert.Null(first.ExecuteScalar());
        }

        await Task.Yield();

        using (var lease = _pool.Rent())
        {
            var second = lease.Command(NameById, "$id");
            Assert.Same(first, second);
            Assert.Single(second.Parameters);
            second.Parameters[0].Value = 42;
            Assert.Equal("item-42", second.ExecuteScalar());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_write_through_a_lease_fails_as_read_only_and_the_lease_still_reads()
    {
        await Task.Yield();
        using (var lease = _pool.Rent())
        {
            var insert = lease.Command("INSERT INTO items (id, name) VALUES ($id, $name)", "$id", "$name");
            insert.Parameters[0].Value = Items + 1;
            insert.Parameters[1].Value = "written-by-a-reader";
            var error = Assert.Throws<SqliteException>(() => insert.ExecuteNonQuery());
            Assert.Equal(8, error.SqliteErrorCode); // SQLITE_READONLY, as PRAGMA query_only=1 answers

            var update = lease.Command("UPDATE items SET name = 'changed' WHERE id = 1");
            Assert.Throws<SqliteException>(() => update.ExecuteNonQuery());

            var read = lease.Command(NameById, "$id");
            read.Parameters[0].Value = 1;
            Assert.Equal("item-1", read.ExecuteScalar());
        }

        using var check = new SqliteConnection(_connectionString);
        check.Open();
        Assert.Equal((long)Items, Scalar(check, "SELECT COUNT(*) FROM items"));
        Assert.Equal("item-1", Scalar(check, "SELECT name FROM items WHERE id = 1"));
    }

    [Fact(Timeout = 60_000)]
    public async Task After_reads_through_the_pool_ordinary_pooled_connections_on_the_same_connection_string_can_still_write()
    {
        await Task.Yield();

        // More leases at once than the pool keeps idle, so that returning them closes some connections at once and
        // disposing the pool closes the rest: had any been pooled by Microsoft.Data.Sqlite, it would be lent below.
        var leases = Enumerable.Range(0, 40).Select(_ => _pool.Rent()).ToList();
        for (var i = 0; i < leases.Count; i++)
        {
            var command = leases[i].Command(NameById, "$id");
            command.Parameters[0].Value = i + 1;
            Assert.Equal("item-" + (i + 1), command.ExecuteScalar());
        }
        foreach (var lease in leases) lease.Dispose();
        _pool.Dispose();

        // Hold as many pooled connections at once as the read pool ever opened, so each one Microsoft.Data.Sqlite
        // has idle for this connection string is taken, and write through every one.
        var writers = new List<SqliteConnection>();
        try
        {
            for (var i = 0; i < leases.Count; i++)
            {
                var connection = new SqliteConnection(_connectionString);
                writers.Add(connection);
                connection.Open();
                Assert.Equal(0L, Scalar(connection, "PRAGMA query_only"));
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO items (id, name) VALUES ($id, $name)";
                insert.Parameters.AddWithValue("$id", Items + 1 + i);
                insert.Parameters.AddWithValue("$name", "written-" + i);
                Assert.Equal(1, insert.ExecuteNonQuery());
            }
        }
        finally
        {
            foreach (var connection in writers) connection.Dispose();
        }

        // And once more after they went back to Microsoft.Data.Sqlite's pool, as the next EF context would open one.
        using var again = new SqliteConnection(_connectionString);
        again.Open();
        using var update = again.CreateCommand();
        update.CommandText = "UPDATE items SET name = 'renamed' WHERE id = 1";
        Assert.Equal(1, update.ExecuteNonQuery());
        Assert.Equal((long)Items + leases.Count, Scalar(again, "SELECT COUNT(*) FROM items"));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_row_committed_elsewhere_after_a_statement_ran_is_seen_by_its_next_run()
    {
        await Task.Yield();
        using var writer = new SqliteConnection(_connectionString);
        writer.Open();

        DbCommand byId;
        DbCommand newestFirst;
        using (var lease = _pool.Rent())
        {
            byId = lease.Command(NameById, "$id");
            byId.Parameters[0].Value = Items + 1;
            Assert.Null(byId.ExecuteScalar());

            // A reader left with rows unread, as a caller that stops at the first row would.
            newestFirst = lease.Command("SELECT id FROM items WHERE id > $after ORDER BY id DESC", "$after");
            newestFirst.Parameters[0].Value = 0;
            using (var reader = newestFirst.ExecuteReader())
            {
                Assert.True(reader.Read());
                Assert.Equal(Items, reader.GetInt64(0));
            }

            Insert(writer, Items + 1, "committed-while-leased");

            // Same lease, same prepared statements: the new row is there.
            Assert.Equal("committed-while-leased", byId.ExecuteScalar());
            using (var reader = newestFirst.ExecuteReader())
            {
                Assert.True(reader.Read());
                Assert.Equal((long)Items + 1, reader.GetInt64(0));
            }
        }

        Insert(writer, Items + 2, "committed-between-leases");

        using (var lease = _pool.Rent())
        {
            var again = lease.Command(NameById, "$id");
            Assert.Same(byId, again);
            again.Parameters[0].Value = Items + 2;
            Assert.Equal("committed-between-leases", again.ExecuteScalar());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Parallel_look_ups_each_get_their_own_row_on_a_command_lent_to_one_caller_at_a_time()
    {
        const int Tasks = 8;
        const int LookUpsPerTask = 200;
        var wrong = new ConcurrentQueue<string>();
        var inUse = new ConcurrentDictionary<DbCommand, int>(ReferenceEqualityComparer.Instance);

        var workers = Enumerable.Range(0, Tasks).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < LookUpsPerTask; i++)
            {
                var id = (t * 7919 + i * 31) % Items + 1;
                using var lease = _pool.Rent();
                var command = lease.Command(NameById, "$id");
                if (!inUse.TryAdd(command, t))
                    wrong.Enqueue($"task {t}, look-up {i}: its command was lent to task {inUse.GetValueOrDefault(command)} as well");
                command.Parameters[0].Value = id;
                var name = command.ExecuteScalar() as string;
                if (name != "item-" + id) wrong.Enqueue($"task {t}, look-up {i}: id {id} gave {name ?? "nothing"}");
                inUse.TryRemove(new KeyValuePair<DbCommand, int>(command, t));
            }
        })).ToList();
        await Task.WhenAll(workers).WaitAsync(HangGuard);

        Assert.Empty(wrong);
    }

    [Fact]
    public void A_lease_given_back_twice_goes_back_once_and_refuses_further_use()
    {
        var lease = _pool.Rent();
        lease.Command(NameById, "$id");
        lease.Dispose();
        Assert.Throws<InvalidOperationException>(() => lease.Command(NameById, "$id"));
        lease.Dispose();

        // Had it gone back twice, two renters would now share one connection.
        using var first = _pool.Rent();
        using var second = _pool.Rent();
        Assert.NotSame(first, second);
    }

    [Fact]
    public void A_disposed_pool_lends_nothing_and_closes_what_comes_back_late()
    {
        var pool = new ReadPool(new SqliteStorage(_path));
        var lease = pool.Rent();
        var command = lease.Command(NameById, "$id");
        pool.Dispose();
        lease.Dispose();

        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
        Assert.Throws<InvalidOperationException>(() => command.ExecuteScalar());
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Insert(SqliteConnection connection, long id, string name)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO items (id, name) VALUES ($id, $name)";
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$name", name);
        Assert.Equal(1, insert.ExecuteNonQuery());
    }
}
