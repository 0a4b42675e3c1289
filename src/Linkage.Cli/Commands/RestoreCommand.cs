using System.CommandLine;
using Linkage.Storage.Backup;

namespace Linkage.Cli.Commands;

/// <summary>
/// restore: a backup archive into a fresh deployment (<see cref="BackupRestorer"/>): a SQLite file that does not exist,
/// or an institution's PostgreSQL schema that holds no table yet; the archive checked byte for byte, then by SQLite
/// before the file appears at its path, or restored and checked in one PostgreSQL transaction.
/// </summary>
public static class RestoreCommand
{
    public static Command Create(Terminal terminal)
    {
        var archive = new Option<string>("--from") { Description = "The archive written by linkage backup", Required = true };
        var database = new DatabaseArguments("The new gateway's SQLite file (Gateway:DatabasePath); must not exist",
            "The institution's PostgreSQL connection string (Storage:ConnectionString: its own role, its schema as the Search Path); "
            + "the schema must hold no table yet. Instead of --database");
        var json = ConnectionOptions.Json();
        var command = new Command("restore", "Restore a backup archive into a fresh gateway database, after checking every byte of it")
        {
            archive, json,
        };
        database.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            var (target, shown) = database.Chosen(parsed) switch
            {
                ({ } path, _) => (new SqliteRestoreTarget(path), path),
                (_, var connection) => Postgres(connection!),
            };
            var manifest = await BackupRestorer.RestoreAsync(parsed.GetValue(archive)!, target, ct);
            if (parsed.GetValue(json)) terminal.Output.WriteLine(manifest.ToJsonLine());
            else
            {
                terminal.Output.WriteLine($"restored {manifest.InstitutionCode ?? "(no institution)"} into {shown}");
                BackupLines.Write(terminal.Output, manifest);
                terminal.Output.WriteLine("Start the gateway on it with the institution's keys (InstitutionKeys, Checkpoints), which no backup holds.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static (IRestoreTarget, string) Postgres(string connection)
    {
        var target = new PostgresRestoreTarget(connection);
        return (target, $"schema {target.Schema}");
    }
}
