using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Linkage.Storage;

/// <summary>
/// Open connections for the look-ups that every incoming provision makes, each with its statements prepared once and
/// lent to one caller at a time. A pooled <see cref="SqliteConnection"/> with a new command per call parses the SQL
/// again every time; here a look-up only binds its parameters and steps. The connections are read-only. (Mapping the
/// file into memory was tried and cost more than it saved: every commit that grows the file makes each reader remap.)
/// </summary>
public sealed class SqliteReadPool(string connectionString) : IDisposable
{
    // Kept out of Microsoft.Data.Sqlite's own pool: these connections are read-only, and must never be handed to a writer.
    private readonly string _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    // Enough for every thread-pool thread of a busy gateway; more idle connections than this are closed on return.
    private const int MaxIdle = 32;

    private readonly ConcurrentBag<Session> _idle = [];

    public Lease Rent() => new(this, _idle.TryTake(out var session) ? session : Open());

    private Session Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA query_only=1;";
        pragmas.ExecuteNonQuery();
        return new Session(connection);
    }

    private void Return(Session session)
    {
        if (_idle.Count < MaxIdle) _idle.Add(session);
        else session.Dispose();
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var session)) session.Dispose();
    }

    /// <summary>One caller's use of one connection; dispose it to give the connection back.</summary>
    public readonly struct Lease(SqliteReadPool pool, Session session) : IDisposable
    {
        /// <summary>The statement for <paramref name="sql"/> on this connection, prepared on first use, with its
        /// parameters in the order of <paramref name="parameters"/>.</summary>
        public SqliteCommand Command(string sql, params string[] parameters) => session.Command(sql, parameters);

        public void Dispose() => pool.Return(session);
    }

    public sealed class Session(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        internal SqliteCommand Command(string sql, string[] parameters)
        {
            if (_commands.TryGetValue(sql, out var command)) return command;
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            _commands.Add(sql, command);
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values) command.Dispose();
            connection.Dispose();
        }
    }
}
