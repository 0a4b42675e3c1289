using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Linkage.Network.Sim;

/// <summary>
/// The hub's own SQLite file: the answers waiting in members' mailboxes and the latest witnessed head of every
/// gateway chain. What the hub acknowledged must survive its restart, so every commit is flushed (synchronous=FULL).
/// </summary>
public sealed class HubDatabase(IOptions<HubOptions> options) : IDisposable
{
    // One connection, one caller at a time: the hub simulator's traffic is small, and the file is never shared.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;

    public async Task<T> UseAsync<T>(Func<SqliteConnection, Task<T>> use, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await use(_connection ??= Open());
        }
        finally
        {
            _gate.Release();
        }
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    // Opened on first use, so a hub that never keeps anything makes no file.
    private SqliteConnection Open()
    {
        var path = Path.GetFullPath(options.Value.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var setup = Command(connection, """
            PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS mailbox (
                permit_id TEXT PRIMARY KEY, inquirer TEXT NOT NULL, kept_at INTEGER NOT NULL, answer BLOB, collected_at INTEGER);
            CREATE INDEX IF NOT EXISTS mailbox_waiting ON mailbox (inquirer) WHERE answer IS NOT NULL;
            CREATE TABLE IF NOT EXISTS witnessed_heads (
                chain_id TEXT PRIMARY KEY, institution TEXT NOT NULL, checkpoint BLOB NOT NULL, witness BLOB NOT NULL);
            """);
        setup.ExecuteNonQuery();
        return connection;
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _gate.Dispose();
    }
}
