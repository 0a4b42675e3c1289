using System.CommandLine;
using Linkage.Contracts.V1;
using Spectre.Console;

namespace Linkage.Cli.Commands;

/// <summary>
/// verify: checks every gateway node's provision record chain, or every node's operation log (auditor), a line for each;
/// exit code 1 when any is broken.
/// </summary>
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
        var command = new Command("verify", "Verify every node's provision record chain or operation log (auditor)") { chain, json };
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
            var (what, entries) = operations ? ("operation logs", "entries") : ("record chains", "records");
            var all = await terminal.Ansi.Status().StartAsync($"Verifying the {what}...", _ => Verify());
            foreach (var v in all.Chains)
            {
                terminal.Ansi.WriteLine($"{v.Node}: {(v.Intact ? "intact" : "BROKEN")}: {v.EntriesChecked} {entries} checked. {v.Description}".TrimEnd(),
                    v.Intact ? new Style(Color.Green) : new Style(Color.Red));
                terminal.Ansi.WriteLine($"  {v.ChainId}: checkpoints: {v.CheckpointsChecked} ({v.UnwitnessedCheckpoints} not yet witnessed); "
                    + $"unsealed: {v.UnsealedEntries}; " + (v.HubCompared ? $"hub's witnessed head: {v.WitnessedSequence}" : "hub not reached"));
            }
            terminal.Ansi.WriteLine($"{all.Chains.Count} chain(s), {(all.Intact ? "all intact" : "NOT all intact")} (verified by node {all.Node})",
                all.Intact ? new Style(Color.Green) : new Style(Color.Red));
            return all.Intact ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }
}
