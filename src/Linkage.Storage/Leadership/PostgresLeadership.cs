using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Linkage.Domain;
using Linkage.Storage.PostgreSql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Linkage.Storage.Leadership;

/// <summary>
/// Leadership by PostgreSQL session advisory locks, one per institution and job, all held on one connection of this
/// node's own, outside the pool: the server keeps a session lock exactly as long as that session lives, so a node that
/// dies, or whose connection breaks, lets go of all its jobs at once, and the next node to ask becomes leader. Each
/// check of a job held already first asks the session whether it is still there; a connection found broken ends this
/// node's leadership of every job before anything else is tried.
/// </summary>
public sealed partial class PostgresLeadership(PostgresStorage database, InstitutionScope scope, ILogger<PostgresLeadership> logger)
    : ILeadership, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);
    private NpgsqlConnection? _session;
    private bool _disposed;

    public async Task<bool> LeadsAsync(string job, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_disposed) return false;
            if (_session is not null && !await AliveAsync(_session, ct)) await LoseAsync();
            if (_held.Contains(job)) return true;
            _session ??= await OpenSessionAsync(ct);
            await using var attempt = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", _session);
            attempt.Parameters.AddWithValue("key", KeyOf(scope.Code.Value, job));
            if (!(bool)(await attempt.ExecuteScalarAsync(ct))!) return false;
            _held.Add(job);
            LogLeading(logger, job, scope.Node);
            return true;
        }
        catch (DbException error)
        {
            // The server is away or the session broke: whatever this node held, the server no longer holds for it.
            LogSessionFailed(logger, error.GetType().Name, scope.Node);
            await LoseAsync();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The lock's key: institutions of one deployment may share a database (a schema each), and advisory locks are the
    /// database's, so the institution is part of it.
    /// </summary>
    public static long KeyOf(string institution, string job) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"linkage.leader/{institution}/{job}")));

    private async Task<NpgsqlConnection> OpenSessionAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            // A pooled connection could outlive its Close on the server and keep the locks; this one ends its session.
            Pooling = false,
            // A connection that silently died is found by the server's keepalive, which ends the session and its locks.
            KeepAlive = 10,
            CommandTimeout = 10,
            ApplicationName = $"linkage-leader-{scope.Node}",
        };
        var session = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await session.OpenAsync(ct);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> AliveAsync(NpgsqlConnection session, CancellationToken ct)
    {
        try
        {
            await using var ping = new NpgsqlCommand("SELECT 1", session);
            await ping.ExecuteScalarAsync(ct);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false; // the connection is broken or closed
        }
    }

    private async Task LoseAsync()
    {
        foreach (var job in _held) LogLost(logger, job, scope.Node);
        _held.Clear();
        if (_session is null) return;
        await _session.DisposeAsync();
        _session = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            _held.Clear();
            // Closing the session gives every lock back once the server has ended it; the other nodes take over at their next check.
            if (_session is not null) await _session.DisposeAsync();
            _session = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} now leads the job {Job}")]
    private static partial void LogLeading(ILogger logger, string job, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} lost its lead of the job {Job}: its database session ended")]
    private static partial void LogLost(ILogger logger, string job, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} could not reach its leadership session ({Error}); it leads no job until it can")]
    private static partial void LogSessionFailed(ILogger logger, string error, string node);
}
