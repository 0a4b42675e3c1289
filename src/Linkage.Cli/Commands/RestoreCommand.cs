using System.CommandLine;
using Linkage.Storage.Backup;

namespace Linkage.Cli.Commands;

/// <summary>
/// restore: a backup archive into a fresh deployment (<see cref="BackupRestorer"/>): refused if the database exists;
/// the archive checked byte for byte and by SQLite before the file appears at its path.
/// </summary>
public static class RestoreCommand
{
    public static Command Create(Terminal terminal)
    {
        var archive = new Option<string>("--from") { Description = "The archive written by linkage backup", Required = true };
        var database = new Option<string>("--database") { Description = "The new gateway's SQLite file (Gateway:DatabasePath); must not exist", Required = true };
        var json = ConnectionOptions.Json();
        var command = new Command("restore", "Restore a backup archive into a fresh gateway database, after checking every byte of it")
        {
            archive, database, json,
        };
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            var target = parsed.GetValue(database)!;
            var manifest = await BackupRestorer.RestoreAsync(parsed.GetValue(archive)!, new SqliteRestoreTarget(target), ct);
            if (parsed.GetValue(json)) terminal.Output.WriteLine(manifest.ToJsonLine());
            else
            {
                terminal.Output.WriteLine($"restored {manifest.InstitutionCode ?? "(no institution)"} into {target}");
                BackupLines.Write(terminal.Output, manifest);
                terminal.Output.WriteLine("Start the gateway on it with the institution's keys (InstitutionKeys, Checkpoints), which no backup holds.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
