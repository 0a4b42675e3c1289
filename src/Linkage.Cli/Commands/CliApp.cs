using System.CommandLine;

namespace Linkage.Cli.Commands;

/// <summary>The operator command line (assembly "linkage"), callable in-process with writers for stdout and stderr.</summary>
public static class CliApp
{
    public static RootCommand Create(Terminal terminal) =>
        new("Linkage operator commands: staff sessions, administration, hold flags, review of held answers, the person's requests (tickets), jobs, provision records, the operation log, statistics, "
            + "backup and restore, health, inquiries, the institution's data keys, development certificates.")
        {
            SessionCommands.SignIn(terminal),
            SessionCommands.SignOut(terminal),
            SessionCommands.WhoAmI(terminal),
            StaffCommand.Create(terminal),
            SystemsCommand.Create(terminal),
            SystemsCommand.Certificates(terminal),
            FlagsCommand.Create(terminal),
            BootstrapAdminCommand.Create(terminal),
            KeysCommand.Create(terminal),
            PlatformCommand.Create(terminal),
            BackupCommand.Create(terminal),
            RestoreCommand.Create(terminal),
            StatsCommand.Create(terminal),
            RecordsCommand.Create(terminal),
            OperationsCommand.Create(terminal),
            ReviewCommand.Create(terminal),
            TicketsCommand.Create(terminal),
            JobsCommand.Create(terminal),
            VerifyCommand.Create(terminal),
            HealthCommand.Create(terminal),
            InquireCommand.Create(terminal),
            ResultCommand.Create(terminal),
            DevCertsCommand.Create(terminal),
        };

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default) =>
        CommandLine.InvokeAsync(Create(new Terminal(output, error)), args, output, error, ct);
}
