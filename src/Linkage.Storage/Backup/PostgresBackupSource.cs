using System.Data;
using System.Text.RegularExpressions;
using Linkage.Storage.PostgreSql;
using Npgsql;

namespace Linkage.Storage.Backup;

/// <summary>
/// An online copy of one institution's schema with <c>pg_dump</c>, consistent with the facts its manifest states: a
/// REPEATABLE READ transaction exports its snapshot, the facts (institution, last migration, chain heads) are read in
/// it, and pg_dump dumps that very snapshot while the transaction holds it. Neither blocks the gateway's writers
/// (pg_dump takes ACCESS SHARE locks only). The connection string is the institution's own or the platform operator's
/// (who may read every schema and holds no key): either way its Search Path names the schema to copy.
/// </summary>
public sealed partial class PostgresBackupSource : IBackupSource
{
    public const string ProviderName = "postgresql";

    /// <summary>The dump's name inside the archive: pg_dump's custom format, read back by pg_restore.</summary>
    public const string DumpFile = "linkage.pgdump";

    private readonly NpgsqlConnectionStringBuilder _connection;

    public PostgresBackupSource(string connectionString)
    {
        _connection = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        Schema = SchemaOf(_connection);
    }

    public string Provider => ProviderName;

    /// <summary>The schema copied: the connection string's Search Path.</summary>
    public string Schema { get; }

    public async Task<BackupSnapshot> TakeAsync(string folder, CancellationToken ct)
    {
        var dump = Path.Combine(folder, DumpFile);
        // Made owner-only before pg_dump opens it, which keeps the mode of a file that exists.
        await PrivateFiles.Create(dump).DisposeAsync();

        await using var connection = new NpgsqlConnection(_connection.ConnectionString);
        await connection.OpenAsync(ct);
        await RequireReadableAsync(connection, Schema, ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            await readOnly.ExecuteNonQueryAsync(ct);
        string snapshot;
        await using (var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction))
            snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
        var facts = DatabaseFacts.Read(connection, transaction);

        // --compress=0: the archive holds the rows as the schema holds them, so that anyone may search its bytes (and
        // find no screening value in clear); the ciphertext of copies would not compress anyway.
        var start = PostgresClient.StartInfo("pg_dump", _connection,
        [
            "--no-password", "--format=custom", "--compress=0", "--no-owner", "--no-privileges", "--lock-wait-timeout=30s",
            $"--snapshot={snapshot}", $"--schema=\"{Schema}\"", $"--file={dump}",
        ]);
        var (exit, errors) = await PostgresClient.RunAsync(start, output: null, ct);
        // Held until pg_dump has finished: the snapshot it imported is this transaction's.
        await transaction.RollbackAsync(ct);
        if (exit != 0)
            throw new InvalidOperationException($"pg_dump of schema {Schema} failed (exit {exit}): {(errors.Length > 0 ? errors : "it said nothing")}");
        return new BackupSnapshot([dump], facts.InstitutionCode, facts.Schema, facts.Chains);
    }

    /// <summary>
    /// The schema of a connection string: its Search Path, one plain lower-case name as the platform gives them
    /// (<c>inst_CODE</c>), so that it means the same to PostgreSQL, to pg_dump's pattern and in the dump's SQL.
    /// </summary>
    internal static string SchemaOf(NpgsqlConnectionStringBuilder connection)
    {
        if (string.IsNullOrEmpty(connection.SearchPath))
            throw new ArgumentException("The PostgreSQL connection string must name the institution's schema as its Search Path.");
        if (!PlainName().IsMatch(connection.SearchPath))
            throw new ArgumentException("The connection string's Search Path must be one schema, a plain lower-case name such as inst_1000082210000000.");
        return connection.SearchPath;
    }

    private static async Task RequireReadableAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var look = new NpgsqlCommand(
            "SELECT has_schema_privilege(current_user, n.oid, 'USAGE') FROM pg_catalog.pg_namespace n WHERE n.nspname = @schema", connection);
        look.Parameters.AddWithValue("schema", schema);
        switch (await look.ExecuteScalarAsync(ct))
        {
            case null:
                throw BackupRefusals.Unusable($"Database {connection.Database} has no schema {schema}.");
            case false:
                throw BackupRefusals.Unusable(
                    $"Role {connection.UserName} may not read schema {schema}: back it up as the institution's role or as {InstitutionSchemas.OperatorRole}.");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainName();
}
