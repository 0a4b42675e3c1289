using System.CommandLine;

namespace Linkage.Cli.Commands;

/// <summary>The operator command line (assembly "linkage"), callable in-process with writers for stdout and stderr.</summary>
public static class CliApp
{
    public static RootCommand Create(Terminal terminal) =>
        new("Linkage operator commands: development certificates, health, inquiries, statistics, provision records.")
        {
            DevCertsCommand.Create(terminal),
            HealthCommand.Create(terminal),
            InquireCommand.Create(terminal),
            StatsCommand.Create(terminal),
            RecordsCommand.Create(terminal),
            VerifyCommand.Create(terminal),
        };

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default) =>
        CommandLine.InvokeAsync(Create(new Terminal(output, error)), args, output, error, ct);
}
