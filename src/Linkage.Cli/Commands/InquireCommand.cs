using System.CommandLine;
using Spectre.Console;
using Linkage.Contracts.V1;

namespace Linkage.Cli.Commands;

/// <summary>inquire: asks a gateway, as its back office, to inquire another institution about a person, and prints the answer.</summary>
public static class InquireCommand
{
    public static Command Create(Terminal terminal)
    {
        var connection = new ConnectionOptions();
        var json = ConnectionOptions.Json();
        var person = new Option<string>("--person") { Description = "The person's internal address number", Required = true };
        var provider = new Option<string>("--provider") { Description = "The providing institution's code", Required = true };
        var information = new Option<string>("--information") { Description = "Information name code", DefaultValueFactory = _ => "TM00000000013903" };
        var affair = new Option<string>("--affair") { Description = "Affair code", DefaultValueFactory = _ => "JM00000000000139" };
        var procedure = new Option<string>("--procedure") { Description = "Procedure code", DefaultValueFactory = _ => "JT00000000013901" };
        var command = new Command("inquire", "Inquire another institution about a person through a gateway (back office)")
        {
            person, provider, information, affair, procedure, json,
        };
        connection.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            using var channel = connection.Open(parsed);
            var response = await new Inquiry.InquiryClient(channel).InquireAsync(new InquireRequest
            {
                AffairCode = parsed.GetValue(affair),
                ProcedureCode = parsed.GetValue(procedure),
                InformationNameCode = parsed.GetValue(information),
                InternalAddressNumber = parsed.GetValue(person),
                ProviderInstitutionCode = parsed.GetValue(provider),
            }, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: ct);
            return Print(terminal, response, parsed.GetValue(json));
        });
        return command;
    }

    /// <summary>An answer as the back office sees it, for inquire and result alike.</summary>
    internal static int Print(Terminal terminal, InquireResponse response, bool json)
    {
        if (json)
        {
            terminal.Json(response);
            return ExitCodes.Ok;
        }
        var ansi = terminal.Ansi;
        ansi.WriteLine($"inquiry {response.InquiryId}: {response.Outcome} {response.NotProvidedReason}".TrimEnd());
        foreach (var record in response.Records)
        {
            ansi.WriteLine($"  record {record.RecordKey} v{record.Version} valid {record.ValidFrom}..{record.ValidTo}");
            foreach (var item in record.Items) ansi.WriteLine($"    {item.ItemCode} = {item.Value}");
        }
        return ExitCodes.Ok;
    }
}
