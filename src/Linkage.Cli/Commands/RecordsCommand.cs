using System.CommandLine;
using Linkage.Contracts.V1;
using Spectre.Console;
using static Linkage.Cli.Commands.GatewayCommand;

namespace Linkage.Cli.Commands;

/// <summary>records: a page of the provision records (auditor); disclose: one person's records (for disclosure to them).</summary>
public static class RecordsCommand
{
    public static Command Create(Terminal terminal)
    {
        var after = new Option<long>("--after") { Description = "List the records after this sequence number", DefaultValueFactory = _ => 0 };
        var count = new Option<int>("--count") { Description = "How many records to list", DefaultValueFactory = _ => 20 };
        var name = InformationName();
        return GatewayCommand.Create(terminal, "records", "List provision records (auditor)", [after, count, name],
            (parsed, channel, ct) => new Records.RecordsClient(channel).ListRecordsAsync(new ListRecordsRequest
            {
                AfterSequence = parsed.GetValue(after),
                PageSize = parsed.GetValue(count),
                InformationNameCode = parsed.GetValue(name) ?? "",
            }, deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            Print);
    }

    public static Command Disclose(Terminal terminal)
    {
        var person = new Argument<string>("IAN") { Description = "The person's internal address number (15 digits)" };
        var name = InformationName();
        return GatewayCommand.Create(terminal, "disclose", "The provision records of one person, for disclosure to them (staff)",
            [person, name],
            (parsed, channel, ct) => new Records.RecordsClient(channel).DiscloseAsync(new DiscloseRequest
            {
                InternalAddressNumber = parsed.GetValue(person),
                InformationNameCode = parsed.GetValue(name) ?? "",
            }, deadline: Deadline(30), cancellationToken: ct).ResponseAsync,
            Print);
    }

    private static Option<string?> InformationName() =>
        new("--information-name") { Description = "Only this information name (TM + 14 digits); default: all the caller may see" };

    private static void Print(IAnsiConsole ansi, ListRecordsResponse page)
    {
        ansi.Write(Tables.Records(page.Records));
        ansi.WriteLine($"{page.Records.Count} record(s)");
    }
}
