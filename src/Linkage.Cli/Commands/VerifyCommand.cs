using System.CommandLine;
using Linkage.Contracts.V1;
using Spectre.Console;

namespace Linkage.Cli.Commands;

/// <summary>verify: checks the provision record hash chain (auditor); exit code 1 when it is broken.</summary>
public static class VerifyCommand
{
    public static Command Create(Terminal terminal)
    {
        var connection = new ConnectionOptions();
        var json = ConnectionOptions.Json();
        var command = new Command("verify", "Verify the provision record chain (auditor)") { json };
        connection.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            using var channel = connection.Open(parsed);
            var client = new Records.RecordsClient(channel);
            Task<VerifyResponse> Verify() =>
                client.VerifyAsync(new VerifyRequest(), deadline: DateTime.UtcNow.AddMinutes(5), cancellationToken: ct).ResponseAsync;
            if (parsed.GetValue(json))
            {
                var result = await Verify();
                terminal.Json(result);
                return result.Intact ? ExitCodes.Ok : ExitCodes.Refused;
            }
            var v = await terminal.Ansi.Status().StartAsync("Verifying the record chain...", _ => Verify());
            terminal.Ansi.WriteLine($"{(v.Intact ? "intact" : "BROKEN")}: {v.RecordsChecked} records checked. {v.Description}".TrimEnd(),
                v.Intact ? new Style(Color.Green) : new Style(Color.Red));
            return v.Intact ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }
}
