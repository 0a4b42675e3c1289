using Linkage.Contracts.Formats;
using System.CommandLine;
using Linkage.Contracts.V1;
using Spectre.Console;
using static Linkage.Cli.Commands.GatewayCommand;

namespace Linkage.Cli.Commands;

/// <summary>records: a page of the provision records (auditor); records disclose: one person's, in words; records withhold: 不開示.</summary>
public static class RecordsCommand
{
    public static Command Create(Terminal terminal)
    {
        var after = ChainPositionOption.Create("records");
        var count = new Option<int>("--count") { Description = "How many records to list", DefaultValueFactory = _ => 20 };
        var name = InformationName();
        var records = GatewayCommand.Create(terminal, "records", "List provision records (auditor); disclose or withhold them", [after, count, name],
            (parsed, channel, ct) => new Records.RecordsClient(channel).ListRecordsAsync(new ListRecordsRequest
            {
                AfterNode = ChainPositionOption.Parse(parsed.GetValue(after))!.Value.Node,
                AfterSequence = ChainPositionOption.Parse(parsed.GetValue(after))!.Value.Sequence,
                PageSize = parsed.GetValue(count),
                InformationNameCode = parsed.GetValue(name) ?? "",
            }, deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            Print);
        records.Subcommands.Add(Disclose(terminal));
        records.Subcommands.Add(Withhold(terminal));
        return records;
    }

    /// <summary>records disclose: one person's exchanges over a period, in words, as a table, JSON (--json) or CSV (--csv FILE).</summary>
    public static Command Disclose(Terminal terminal)
    {
        var person = new Argument<string>("IAN") { Description = "The person's internal address number (15 digits)" };
        var name = InformationName();
        var from = new Option<string?>("--from") { Description = "First day, YYYY-MM-DD (Japan); default: the oldest record kept" };
        var to = new Option<string?>("--to") { Description = "Last day, YYYY-MM-DD (Japan); default: today" };
        var csv = new Option<string?>("--csv") { Description = "Also write the disclosure to FILE as CSV (UTF-8 with BOM, for spreadsheet programs)" };
        return GatewayCommand.Create(terminal, "disclose", "One person's exchanges over a period, in words, for disclosure to them (staff)",
            [person, name, from, to, csv],
            async (parsed, channel, ct) =>
            {
                var disclosed = await new Records.RecordsClient(channel).DiscloseAsync(new DiscloseRequest
                {
                    InternalAddressNumber = parsed.GetValue(person),
                    InformationNameCode = parsed.GetValue(name) ?? "",
                    FromDate = parsed.GetValue(from) ?? "",
                    ToDate = parsed.GetValue(to) ?? "",
                }, deadline: Deadline(30), cancellationToken: ct).ResponseAsync;
                if (parsed.GetValue(csv) is { } file)
                {
                    // Written whole to a temporary file first: a half-written disclosure must never be handed out.
                    var temporary = file + ".partial";
                    await using (var output = File.Create(temporary)) DisclosureCsv.Write(output, disclosed.Exchanges);
                    File.Move(temporary, file, overwrite: true);
                }
                return disclosed;
            },
            (ansi, disclosed) =>
            {
                ansi.Write(Tables.Disclosure(disclosed.Exchanges));
                ansi.WriteLine($"{disclosed.Exchanges.Count} exchange(s)");
            });
    }

    /// <summary>records withhold: marks a record not to be disclosed (不開示), with a reason (administrator).</summary>
    public static Command Withhold(Terminal terminal)
    {
        var sequence = new Argument<long>("SEQ") { Description = "The record's sequence number in its node's chain" };
        // Required, never this gateway's own by default: every node's chain has a record SEQ, and withholding the wrong
        // one would show the record that was to be withheld.
        var node = new Option<string>("--node") { Description = "The gateway node whose chain holds the record (the Node column of the listing)", Required = true };
        var reason = GatewayCommand.Reason();
        return GatewayCommand.Create(terminal, "withhold", "Leave a record out of disclosure to the person (不開示), with a reason (administrator)",
            [sequence, node, reason],
            (parsed, channel, ct) => new Records.RecordsClient(channel).MarkNonDisclosureAsync(new MarkNonDisclosureRequest
            {
                Sequence = parsed.GetValue(sequence),
                Node = parsed.GetValue(node)!,
                Reason = parsed.GetValue(reason)!,
            }, deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, mark) => ansi.WriteLine($"record {mark.Node}:{mark.Sequence} is withheld from disclosure: {mark.Reason}"));
    }

    private static Option<string?> InformationName() =>
        new("--information-name") { Description = "Only this information name (TM + 14 digits); default: all the caller may see" };

    private static void Print(IAnsiConsole ansi, ListRecordsResponse page)
    {
        ansi.Write(Tables.Records(page.Records));
        ansi.WriteLine(page.Records.Count == 0 ? "0 record(s)"
            : $"{page.Records.Count} record(s); the next page: --after {page.Records[^1].Node}:{page.Records[^1].Sequence}");
    }
}
