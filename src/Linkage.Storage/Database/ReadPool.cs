using System.Collections.Concurrent;
using System.Data.Common;

namespace Linkage.Storage.Database;

/// <summary>
/// Open connections for the look-ups that every incoming provision makes, each with its statements prepared once and
/// lent to one caller at a time. A pooled SQLite connection with a new command per call parses the SQL again every
/// time; here a look-up only binds its parameters and steps. The connections are read-only. (Mapping the file into
/// memory was tried and cost more than it saved: every commit that grows the file makes each reader remap.)
/// On PostgreSQL no connection is kept here: a node serves many institutions, and idle connections held for each
/// would exhaust the server's; Npgsql's pool and its automatic preparation (see PostgresStorage) do the same job.
/// </summary>
public sealed class ReadPool(StorageDatabase database) : IDisposable
{
    // Enough for every thread-pool thread of a busy gateway; more idle connections than this are closed on return.
    private readonly int _maxIdle = database.Provider == StorageProvider.Sqlite ? 32 : 0;

    private readonly ConcurrentBag<Lease> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    /// <summary>A connection for this caller alone until the lease is disposed.</summary>
    public Lease Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var lease)) Interlocked.Decrement(ref _idleCount);
        else lease = new Lease(this, Open());
        lease.MarkRented();
        return lease;
    }

    private DbConnection Open() => database.OpenReadOnly();

    private void Return(Lease lease)
    {
        if (!_disposed && Interlocked.Increment(ref _idleCount) <= _maxIdle)
        {
            _idle.Add(lease);
            // A Dispose that ran meanwhile has emptied the bag already; close what arrived after it.
            if (_disposed && _idle.TryTake(out var late)) late.Close();
            return;
        }
        if (!_disposed) Interlocked.Decrement(ref _idleCount);
        lease.Close();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var lease)) lease.Close();
    }

    /// <summary>One connection with its prepared statements; disposing the lease gives it back (once, however often called).</summary>
    public sealed class Lease : IDisposable
    {
        private readonly ReadPool _pool;
        private readonly DbConnection _connection;
        private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
        private int _rented;

        internal Lease(ReadPool pool, DbConnection connection)
        {
            _pool = pool;
            _connection = connection;
        }

        /// <summary>The statement for <paramref name="sql"/> on this connection, prepared on first use, with its
        /// parameters in the order of <paramref name="parameters"/>.</summary>
        public DbCommand Command(string sql, params string[] parameters)
        {
            if (Volatile.Read(ref _rented) == 0) throw new InvalidOperationException("This lease was given back.");
            if (_commands.TryGetValue(sql, out var command)) return command;
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters) command.Add(name);
            _commands.Add(sql, command);
            return command;
        }

        internal void MarkRented() => Volatile.Write(ref _rented, 1);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _rented, 0) == 1) _pool.Return(this);
        }

        internal void Close()
        {
            foreach (var command in _commands.Values) command.Dispose();
            _connection.Dispose();
        }
    }
}
