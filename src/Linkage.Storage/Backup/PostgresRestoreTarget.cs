using System.Text.RegularExpressions;
using Npgsql;

namespace Linkage.Storage.Backup;

/// <summary>
/// A fresh institution schema to restore a <see cref="PostgresBackupSource"/> dump into: one the platform provisioned
/// (<see cref="PostgreSql.InstitutionSchemas"/>: the institution's role owns it, the operator may read it) that holds
/// no table yet. The restore runs as that role, so every table it makes is the institution's, and whatever the dump
/// holds can reach no other schema. pg_restore turns the dump into SQL and psql runs it, with the check against the
/// manifest, as one transaction (<see cref="PostgresRestoreScript"/>): a failure anywhere leaves the schema empty.
/// </summary>
public sealed partial class PostgresRestoreTarget : IRestoreTarget
{
    private const int CopyBuffer = 1 << 16;

    private readonly NpgsqlConnectionStringBuilder _connection;

    /// <param name="connectionString">The institution's own connection string (its role, its schema as the Search Path).</param>
    public PostgresRestoreTarget(string connectionString)
    {
        _connection = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        Schema = PostgresBackupSource.SchemaOf(_connection);
    }

    /// <summary>The schema restored into: the connection string's Search Path.</summary>
    public string Schema { get; }

    public string Provider => PostgresBackupSource.ProviderName;

    public void RequireFresh()
    {
        using var connection = new NpgsqlConnection(_connection.ConnectionString);
        connection.Open();
        using var look = new NpgsqlCommand("""
            SELECT n.nspowner = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user),
                   (SELECT count(*) FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid)
            FROM pg_catalog.pg_namespace n WHERE n.nspname = @schema
            """, connection);
        look.Parameters.AddWithValue("schema", Schema);
        using var reader = look.ExecuteReader();
        if (!reader.Read())
            throw BackupRefusals.TargetUnusable(
                $"Database {connection.Database} has no schema {Schema}. The platform makes an institution's schema and role before anything is restored into it.");
        if (!reader.GetBoolean(0))
            throw BackupRefusals.TargetUnusable(
                $"Role {connection.UserName} does not own schema {Schema}. Restore as the institution's own role (its gateway's connection string), so that the tables restored are its own.");
        if (reader.GetInt64(1) is > 0 and var relations)
            throw BackupRefusals.TargetExists($"A gateway's data in schema {Schema} of database {connection.Database} ({relations} tables, sequences and indexes)",
                "Restore into an institution's schema that holds no table yet.");
    }

    /// <summary>A private folder of the system's temporary place (TMPDIR) for the dump; nothing of it is the target's.</summary>
    public string OpenStaging() => Directory.CreateTempSubdirectory("linkage-restore-").FullName;

    public async Task InstallAsync(string staging, BackupManifest manifest, CancellationToken ct)
    {
        if (manifest.Files is not [{ Name: PostgresBackupSource.DumpFile }])
            throw BackupRefusals.Damaged($"A PostgreSQL backup holds the one file {PostgresBackupSource.DumpFile}; this manifest lists {manifest.Files.Count} other(s).");
        var dump = Path.Combine(staging, PostgresBackupSource.DumpFile);
        var list = await ListAsync(dump, ct);
        if (list.Schema != Schema)
            throw BackupRefusals.Unsupported(
                $"The archive is a backup of schema {list.Schema}; it restores into that institution's schema, not into {Schema}.");
        // Checked before anything runs: every value the check puts into SQL has a known shape.
        var after = PostgresRestoreScript.After(Schema, manifest);
        var listFile = Path.Combine(staging, "restore.list");
        await using (var file = PrivateFiles.Create(listFile))
            await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(list.Restorable), ct);

        await using var psql = ClientProcess.Start(PostgresClient.StartInfo("psql", _connection,
            ["--no-password", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--output=/dev/null", "--file=-"]));
        await using var restore = ClientProcess.Start(PostgresClient.StartInfo("pg_restore", _connection,
            ["--no-owner", "--no-privileges", $"--use-list={listFile}", "--file=-", dump]));
        int? restoreExit = null;
        try
        {
            await WriteAsync(psql.StandardInput, PostgresRestoreScript.Before(Schema), ct);
            await restore.StandardOutput.CopyToAsync(psql.StandardInput, CopyBuffer, ct);
            restoreExit = await restore.WaitAsync(ct);
            // Without a whole script from pg_restore there is no COMMIT: psql reaches the end of its input inside the
            // transaction, and the server rolls it back when psql leaves.
            if (restoreExit == 0) await WriteAsync(psql.StandardInput, after, ct);
        }
        catch (IOException)
        {
            // psql stopped reading: it met an error and left, and says why below.
        }
        // Not on cancellation: then both are killed as they are disposed, and a psql killed before its COMMIT leaves nothing.
        Close(psql.StandardInput);
        var exit = await psql.WaitAsync(ct);
        if (restoreExit is not (null or 0))
            throw BackupRefusals.Damaged($"pg_restore could not read all of {PostgresBackupSource.DumpFile}: {FirstLines(restore.Errors)}");
        if (exit != 0) throw Failure(psql.Errors);
        if (restoreExit is null)
            throw new InvalidOperationException($"The restore into schema {Schema} was interrupted and rolled back; nothing was restored.");
    }

    public void CloseStaging(string staging, bool installed) => PrivateFiles.DeleteFolder(staging);

    private async Task<PostgresDumpList> ListAsync(string dump, CancellationToken ct)
    {
        using var list = new MemoryStream();
        var (exit, errors) = await PostgresClient.RunAsync(PostgresClient.StartInfo("pg_restore", _connection, ["--list", dump]), list, ct);
        if (exit != 0)
            throw BackupRefusals.Damaged($"{PostgresBackupSource.DumpFile} is not a dump pg_restore reads: {FirstLines(errors)}");
        return PostgresDumpList.Parse(System.Text.Encoding.UTF8.GetString(list.ToArray()));
    }

    /// <summary>What psql's errors mean: the schema was not empty, the data is not what the manifest says, or another failure.</summary>
    private Exception Failure(string errors)
    {
        if (errors.Contains(PostgresRestoreScript.FreshMarker, StringComparison.Ordinal))
            return BackupRefusals.TargetExists($"A gateway's data in schema {Schema}", "Restore into an institution's schema that holds no table yet.");
        var check = errors.IndexOf(PostgresRestoreScript.CheckMarker, StringComparison.Ordinal);
        if (check >= 0)
        {
            var difference = errors[(check + PostgresRestoreScript.CheckMarker.Length)..].Split('\n')[0].Trim();
            return BackupRefusals.Damaged($"{PostgresBackupSource.DumpFile} does not hold what its manifest says: {difference}");
        }
        // While pg_restore's SQL runs psql names an error by its SQLSTATE alone. A fresh schema refuses no statement
        // of a whole dump; data it refuses (class 22, data exception; 23, a key or constraint broken) is in the dump.
        if (SqlState().Match(errors) is { Success: true } state && state.Groups["state"].Value[..2] is "22" or "23")
            return BackupRefusals.Damaged(
                $"{PostgresBackupSource.DumpFile} holds data PostgreSQL refuses (line {state.Groups["where"].Value} of the restore script: SQLSTATE {state.Groups["state"].Value}).");
        return new InvalidOperationException(
            $"The restore into schema {Schema} failed and was rolled back; nothing was restored. psql: {FirstLines(errors)}");
    }

    private static void Close(Stream input)
    {
        try
        {
            input.Close();
        }
        catch (IOException)
        {
            // The program's end of the pipe is closed already.
        }
    }

    private static async Task WriteAsync(Stream stream, string text, CancellationToken ct) =>
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), ct);

    // "psql:<stdin>:527: ERROR:  22P02"
    [GeneratedRegex(@"<stdin>:(?<where>[0-9]+): ERROR:\s+(?<state>[0-9A-Z]{5})\s*$", RegexOptions.Multiline)]
    private static partial Regex SqlState();

    private static string FirstLines(string errors) =>
        errors.Length == 0 ? "it said nothing." : string.Join(" ", errors.Split('\n').Take(3).Select(l => l.Trim()));
}
