using System.CommandLine;
using Linkage.Contracts.V1;
using Spectre.Console;

namespace Linkage.Cli.Commands;

/// <summary>verify: checks the provision record chain or the operation log chain (auditor); exit code 1 when it is broken.</summary>
public static class VerifyCommand
{
    public static Command Create(Terminal terminal)
    {
        var connection = new ConnectionOptions();
        var json = ConnectionOptions.Json();
        var chain = new Option<string>("--chain")
        {
            Description = "Which hash chain: the provision records or the operation log",
            DefaultValueFactory = _ => "records",
        };
        chain.AcceptOnlyFromAmong("records", "operations");
        var command = new Command("verify", "Verify the provision record chain or the operation log chain (auditor)") { chain, json };
        connection.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            var operations = parsed.GetValue(chain) == "operations";
            using var channel = connection.Open(parsed);
            var client = new Records.RecordsClient(channel);
            var request = new VerifyRequest { Chain = operations ? Chain.OperationLog : Chain.ProvisionRecords };
            Task<VerifyResponse> Verify() =>
                client.VerifyAsync(request, deadline: DateTime.UtcNow.AddMinutes(5), cancellationToken: ct).ResponseAsync;
            if (parsed.GetValue(json))
            {
                var result = await Verify();
                terminal.Json(result);
                return result.Intact ? ExitCodes.Ok : ExitCodes.Refused;
            }
            var (what, entries) = operations ? ("operation log", "entries") : ("record chain", "records");
            var v = await terminal.Ansi.Status().StartAsync($"Verifying the {what}...", _ => Verify());
            terminal.Ansi.WriteLine($"{(v.Intact ? "intact" : "BROKEN")}: {v.RecordsChecked} {entries} checked. {v.Description}".TrimEnd(),
                v.Intact ? new Style(Color.Green) : new Style(Color.Red));
            terminal.Ansi.WriteLine($"checkpoints: {v.CheckpointsChecked} ({v.UnwitnessedCheckpoints} not yet witnessed); unsealed: {v.UnsealedEntries}; "
                + (v.HubCompared ? $"hub's witnessed head: {v.WitnessedSequence}" : "hub not reached"));
            return v.Intact ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }
}
