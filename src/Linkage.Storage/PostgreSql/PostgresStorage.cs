using System.Data.Common;
using Linkage.Storage.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Linkage.Storage.PostgreSql;

/// <summary>
/// An institution's data in its own schema of a PostgreSQL server, reached as its own role: the connection string names
/// that role and sets the search path to that schema alone, so every unqualified table is the institution's, and the
/// server refuses any other institution's schema whatever SQL our code sends (see <see cref="InstitutionSchemas"/>).
/// </summary>
public sealed class PostgresStorage : StorageDatabase, IDisposable
{
    /// <summary>The assembly that holds the PostgreSQL migrations: the same model, generated for this provider.</summary>
    public const string MigrationsAssembly = "Linkage.Storage.PostgreSql";

    private readonly NpgsqlDataSource _source;
    private readonly NpgsqlDataSource _lookups;

    public PostgresStorage(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Each provision's look-ups and the chain writers' inserts repeat a handful of statements: prepared once per
            // physical connection, they are only bound and executed after that.
            MaxAutoPrepare = 32,
            AutoPrepareMinUsages = 2,
        };
        if (string.IsNullOrEmpty(builder.SearchPath))
            throw new ArgumentException("A PostgreSQL connection string for an institution must set its schema as the Search Path.", nameof(connectionString));
        // A primary and its standbys: the data sources below follow a promotion by themselves (see PostgresFailover).
        PostgresFailover.ForWriting(builder);
        ConnectionString = builder.ConnectionString;
        Schema = builder.SearchPath;
        _source = NpgsqlDataSource.Create(ConnectionString);
        // The look-ups of every provision (ReadPool) have connections of their own: read-only from the start, by a
        // startup option, which the pool's reset would keep (a SET after each open cost a round trip per look-up and
        // was undone by that reset); and not reset when given back, since nothing done on them changes the session (the
        // reset is seven statements the server ran before each look-up).
        var lookups = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Options = $"{builder.Options} -c default_transaction_read_only=on".Trim(),
            NoResetOnClose = true,
        };
        PostgresFailover.ForReadOnlySessions(lookups);
        _lookups = NpgsqlDataSource.Create(lookups.ConnectionString);
    }

    public override StorageProvider Provider => StorageProvider.PostgreSql;

    public override string ConnectionString { get; }

    /// <summary>The institution's schema.</summary>
    public string Schema { get; }

    public NpgsqlDataSource DataSource => _source;

    public override void ConfigureContext(DbContextOptionsBuilder options) =>
        options.UseNpgsql(_source, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly).MigrationsHistoryTable("__EFMigrationsHistory", Schema));

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _source.OpenConnectionAsync(ct);

    public override DbConnection Open() => _source.OpenConnection();

    public override DbConnection OpenChainWriter(bool survivesProcessCrashOnly = false)
    {
        var connection = _source.OpenConnection();
        // Set explicitly: a server configured otherwise must not make an acknowledged record lose its durability.
        connection.Command("SET synchronous_commit = on").ExecuteNonQuery();
        return connection;
    }

    public override DbConnection OpenReadOnly() => _lookups.OpenConnection();

    public override async Task MigrateAsync(LinkageDbContext context, CancellationToken ct)
    {
        // EF reads the applied migrations before it creates the history table of a new schema, and logs the failed
        // read as an error; a fresh institution is no error.
        await context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        await context.Database.MigrateAsync(ct);
    }

    public override DbTransaction BeginWriting(DbConnection connection, string table)
    {
        var transaction = connection.BeginTransaction();
        // Readers go on; a second writer of the table (on this node or another) waits for this transaction's end.
        connection.Execute(transaction, $"LOCK TABLE \"{table}\" IN SHARE ROW EXCLUSIVE MODE");
        return transaction;
    }

    public void Dispose()
    {
        _lookups.Dispose();
        _source.Dispose();
    }
}
