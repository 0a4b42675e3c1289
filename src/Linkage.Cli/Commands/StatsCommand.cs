using System.CommandLine;
using System.Globalization;
using Linkage.Contracts.V1;
using Spectre.Console;

namespace Linkage.Cli.Commands;

/// <summary>stats: a gateway's business statistics (administrator): the figures of the moment and the exchanges of a period.</summary>
public static class StatsCommand
{
    public static Command Create(Terminal terminal)
    {
        var connection = new ConnectionOptions();
        var json = ConnectionOptions.Json();
        var from = new Option<DateOnly?>("--from") { Description = "First day counted, YYYY-MM-DD in Japan (default: 29 days before --to)" };
        var to = new Option<DateOnly?>("--to") { Description = "Last day counted, YYYY-MM-DD in Japan (default: today); at most 366 days in all" };
        var command = new Command("stats", "Business statistics of a gateway (administrator)") { json, from, to };
        connection.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            using var channel = connection.Open(parsed);
            var s = await new Administration.AdministrationClient(channel).GetStatisticsAsync(
                new GetStatisticsRequest { FromDate = Day(parsed.GetValue(from)), ToDate = Day(parsed.GetValue(to)) },
                deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: ct); // a long period groups many records
            if (parsed.GetValue(json))
            {
                terminal.Json(s);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Institution", "Symbols", "Current copies", "Records", "Permitted list");
            table.AddRow(s.InstitutionCode, $"{s.Symbols}", $"{s.CurrentCopies}", $"{s.Records}", $"v{s.PermittedListVersion}");
            terminal.Ansi.Write(table);
            terminal.Ansi.Write(StatisticsTables.Held(s.Held));
            if (s.CopiesByInformationName.Count > 0) terminal.Ansi.Write(StatisticsTables.Copies(s.CopiesByInformationName));
            if (s.Exchanges.Count > 0) terminal.Ansi.Write(StatisticsTables.Exchanges(s.Exchanges));
            terminal.Ansi.WriteLine(StatisticsTables.Period(s));
            if (s.Tickets is { } tickets) terminal.Ansi.Write(TicketTables.Counts(tickets));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Empty when not given: the gateway picks the default by its own today in Japan.</summary>
    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
