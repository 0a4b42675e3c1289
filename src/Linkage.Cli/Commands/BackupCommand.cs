using System.CommandLine;
using Linkage.Storage.Backup;
using Linkage.Storage.PostgreSql;

namespace Linkage.Cli.Commands;

/// <summary>
/// backup: an online copy of a gateway's database, while it serves, into one archive with its manifest
/// (<see cref="BackupCreator"/>): its SQLite file, or its PostgreSQL schema by pg_dump, as the institution's role or
/// the platform operator's. Prints what the manifest says, which is no personal data: codes, sizes, hashes.
/// </summary>
public static class BackupCommand
{
    public static Command Create(Terminal terminal)
    {
        var database = new DatabaseArguments("The gateway's SQLite file (Gateway:DatabasePath); it may be serving",
            "A PostgreSQL connection string whose Search Path is the institution's schema: the institution's role "
            + $"(Storage:ConnectionString) or the platform operator's ({InstitutionSchemas.OperatorRole}), instead of --database");
        var output = new Option<string>("--out") { Description = "The archive to write (a tar file, mode 0600); never replaces one that exists", Required = true };
        var json = ConnectionOptions.Json();
        var command = new Command("backup", "Back up a gateway's database online into one archive (the database copy and its manifest)")
        {
            output, json,
        };
        database.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            var archive = parsed.GetValue(output)!;
            IBackupSource source = database.Chosen(parsed) switch
            {
                ({ } path, _) => new SqliteBackupSource(path),
                (_, var connection) => new PostgresBackupSource(connection!),
            };
            var manifest = await BackupCreator.CreateAsync(source, archive, TimeProvider.System, ct);
            if (parsed.GetValue(json)) terminal.Output.WriteLine(manifest.ToJsonLine());
            else
            {
                terminal.Output.WriteLine($"backup of {manifest.InstitutionCode ?? "(no institution yet)"} written to {archive} ({new FileInfo(archive).Length} bytes)");
                BackupLines.Write(terminal.Output, manifest);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

/// <summary>The manifest for people, shared by backup and restore.</summary>
internal static class BackupLines
{
    public static void Write(TextWriter output, BackupManifest manifest)
    {
        output.WriteLine($"  {manifest.Provider}, taken {manifest.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, schema {manifest.Schema ?? "(none)"}");
        foreach (var file in manifest.Files) output.WriteLine($"  {file.Name}: {file.Size} bytes, SHA-256 {file.Sha256}");
        foreach (var chain in manifest.Chains)
            output.WriteLine(chain.HeadHash is null ? $"  {chain.ChainId}: no entry" : $"  {chain.ChainId}: {chain.Sequence}, {chain.HeadHash}");
    }
}
