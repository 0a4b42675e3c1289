using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Database;

/// <summary>
/// The one place that knows which server an institution's data is on: how to open its connections for each kind of
/// user (pooled for short work, a chain writer's own, a read-only look-up's) and how to bring its schema up to date.
/// Everything else writes SQL both servers take: quoted identifiers, <c>@name</c> parameters, TRUE/FALSE,
/// <c>ON CONFLICT DO NOTHING</c>, <c>RETURNING</c>.
/// </summary>
public abstract class StorageDatabase
{
    public abstract StorageProvider Provider { get; }

    /// <summary>The connection string EF Core and the pooled connections use.</summary>
    public abstract string ConnectionString { get; }

    public abstract void ConfigureContext(DbContextOptionsBuilder options);

    /// <summary>A pooled connection, opened, for a short unit of work.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <inheritdoc cref="OpenAsync"/>
    public abstract DbConnection Open();

    /// <summary>
    /// A chain writer's own connection: every commit durable before it returns (SQLite synchronous=FULL, PostgreSQL
    /// synchronous_commit=on), or, with <paramref name="survivesProcessCrashOnly"/>, durable against a crash of the
    /// process but flushed to disk by the next full commit (SQLite synchronous=NORMAL; PostgreSQL has no such middle
    /// ground, so it is on there too).
    /// </summary>
    public abstract DbConnection OpenChainWriter(bool survivesProcessCrashOnly = false);

    /// <summary>A connection that can only read, for the look-ups of every provision (see <see cref="ReadPool"/>).</summary>
    public abstract DbConnection OpenReadOnly();

    /// <summary>Creates what is missing (a folder, a schema's tables) and applies the migrations of this provider.</summary>
    public abstract Task MigrateAsync(LinkageDbContext context, CancellationToken ct);

    /// <summary>
    /// Begins a transaction that is the only writer of <paramref name="table"/> until it ends, for a check-then-insert
    /// that must not race another writer, in this process or on another node. Readers go on meanwhile.
    /// </summary>
    public abstract DbTransaction BeginWriting(DbConnection connection, string table);
}
