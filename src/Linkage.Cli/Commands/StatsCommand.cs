using System.CommandLine;
using Linkage.Contracts.V1;
using Spectre.Console;

namespace Linkage.Cli.Commands;

/// <summary>stats: a gateway's business statistics (administrator).</summary>
public static class StatsCommand
{
    public static Command Create(Terminal terminal)
    {
        var connection = new ConnectionOptions();
        var json = ConnectionOptions.Json();
        var command = new Command("stats", "Business statistics of a gateway (administrator)") { json };
        connection.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            using var channel = connection.Open(parsed);
            var s = await new Administration.AdministrationClient(channel).GetStatisticsAsync(
                new GetStatisticsRequest(), deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: ct);
            if (parsed.GetValue(json))
            {
                terminal.Json(s);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Institution", "Symbols", "Current copies", "Records", "Permitted list");
            table.AddRow(s.InstitutionCode, $"{s.Symbols}", $"{s.CurrentCopies}", $"{s.Records}", $"v{s.PermittedListVersion}");
            terminal.Ansi.Write(table);
            if (s.Tickets is { } tickets) terminal.Ansi.Write(TicketTables.Counts(tickets));
            return ExitCodes.Ok;
        });
        return command;
    }
}
