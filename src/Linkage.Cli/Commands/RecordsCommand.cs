using System.CommandLine;
using Linkage.Contracts.V1;
using Spectre.Console;

namespace Linkage.Cli.Commands;

/// <summary>records: a page of the provision records (auditor).</summary>
public static class RecordsCommand
{
    public static Command Create(Terminal terminal)
    {
        var connection = new ConnectionOptions();
        var json = ConnectionOptions.Json();
        var after = new Option<long>("--after") { Description = "List the records after this sequence number", DefaultValueFactory = _ => 0 };
        var count = new Option<int>("--count") { Description = "How many records to list", DefaultValueFactory = _ => 20 };
        var command = new Command("records", "List provision records (auditor)") { after, count, json };
        connection.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            using var channel = connection.Open(parsed);
            var page = await new Records.RecordsClient(channel).ListRecordsAsync(
                new ListRecordsRequest { AfterSequence = parsed.GetValue(after), PageSize = parsed.GetValue(count) },
                deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: ct);
            if (parsed.GetValue(json))
            {
                terminal.Json(page);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Seq", "Recorded at", "Direction", "Inquirer", "Provider", "Information", "Outcome", "Reason");
            foreach (var r in page.Records)
                table.AddRow(Markup.Escape($"{r.Sequence}"), Markup.Escape($"{r.RecordedAt.ToDateTimeOffset():u}"), Markup.Escape($"{r.Direction}"),
                    Markup.Escape(r.InquirerInstitutionCode), Markup.Escape(r.ProviderInstitutionCode), Markup.Escape(r.InformationNameCode),
                    Markup.Escape($"{r.Outcome}"), Markup.Escape(r.Reason));
            terminal.Ansi.Write(table);
            terminal.Ansi.WriteLine($"{page.Records.Count} record(s)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
