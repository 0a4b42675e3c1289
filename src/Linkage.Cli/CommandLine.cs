using System.CommandLine;
using System.CommandLine.Help;

namespace Linkage.Cli;

/// <summary>
/// Parses and runs a command tree (the CLI's and the simulators'): parse errors are usage errors (exit code 2) with a
/// message on the error writer; everything a command prints goes to the given writers.
/// </summary>
public static class CommandLine
{
    public static async Task<int> InvokeAsync(Command root, string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            foreach (var problem in parsed.Errors) await error.WriteLineAsync(problem.Message);
            if (parsed.CommandResult.Command == root)
                // No command (or an unknown one): the list of commands, as the hand-written usage text did.
                await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = error, Error = error }, ct);
            else
                await error.WriteLineAsync($"See '{root.Name} {parsed.CommandResult.Command.Name} --help'.");
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, ct);
    }
}
