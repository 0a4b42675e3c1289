using System.Data.Common;
using Linkage.Storage.Database;

namespace Linkage.Storage.Chains;

/// <summary>
/// The inserts of a chain writer's transaction. Where the provider batches statements (PostgreSQL), the entries bound
/// since the last <see cref="Flush"/> travel to the server in one round trip; elsewhere (SQLite, in-process) each
/// entry is executed at once through one prepared statement, which costs no round trip at all.
/// </summary>
internal sealed class InsertBatch : IDisposable
{
    private readonly DbConnection _connection;
    private readonly string _sql;
    private readonly DbCommand? _single;
    private DbBatch? _batch;
    private DbTransaction? _transaction;
    private int _bound;

    public InsertBatch(DbConnection connection, string sql)
    {
        _connection = connection;
        _sql = sql;
        if (!connection.CanCreateBatch) _single = connection.Command(sql);
    }

    public void Begin(DbTransaction transaction)
    {
        _transaction = transaction;
        if (_single is not null) _single.Transaction = transaction;
        _batch?.Dispose();
        _batch = null;
        _bound = 0;
    }

    /// <summary>The parameters of the next entry's insert, to be set by the caller.</summary>
    public EntryParameters Next()
    {
        if (_single is not null)
        {
            // The entry bound last time is executed before its parameters are overwritten.
            Flush();
            _bound = 1;
            return new EntryParameters(_single.Parameters, _single.CreateParameter);
        }
        _batch ??= NewBatch();
        var command = _batch.CreateBatchCommand();
        command.CommandText = _sql;
        _batch.BatchCommands.Add(command);
        _bound++;
        return new EntryParameters(command.Parameters, command.CreateParameter);
    }

    /// <summary>Sends what was bound; a failure throws here, inside the caller's transaction.</summary>
    public void Flush()
    {
        if (_bound == 0) return;
        if (_single is not null) _single.ExecuteNonQuery();
        else
        {
            _batch!.ExecuteNonQuery();
            _batch.Dispose();
            _batch = null;
        }
        _bound = 0;
    }

    private DbBatch NewBatch()
    {
        var batch = _connection.CreateBatch();
        batch.Transaction = _transaction;
        return batch;
    }

    public void Dispose()
    {
        _single?.Dispose();
        _batch?.Dispose();
    }
}
