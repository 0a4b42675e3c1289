using System.CommandLine;
using Linkage.Contracts.V1;
using Spectre.Console;

namespace Linkage.Cli.Commands;

/// <summary>
/// result: the back office picks up an answer that was held at the provider and arrived later: the answers waiting
/// (ListPendingResults), or one inquiry's result (GetInquiryResult), which also marks it picked up.
/// </summary>
public static class ResultCommand
{
    public static Command Create(Terminal terminal)
    {
        var connection = new ConnectionOptions();
        var json = ConnectionOptions.Json();
        var inquiry = new Argument<string>("INQUIRY_ID") { Description = "The inquiry whose result to fetch; none: list the answers waiting", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("result", "Pick up answers that arrived after being held (back office)") { inquiry, json };
        connection.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            using var channel = connection.Open(parsed);
            var client = new Inquiry.InquiryClient(channel);
            if (parsed.GetValue(inquiry) is { Length: > 0 } id)
                return InquireCommand.Print(terminal, await client.GetInquiryResultAsync(new GetInquiryResultRequest { InquiryId = id },
                    cancellationToken: ct), parsed.GetValue(json));
            var pending = await client.ListPendingResultsAsync(new ListPendingResultsRequest(), cancellationToken: ct);
            if (parsed.GetValue(json))
            {
                terminal.Json(pending);
                return ExitCodes.Ok;
            }
            foreach (var result in pending.Results) terminal.Ansi.WriteLine($"{result.InquiryId}: {result.Outcome}");
            terminal.Ansi.WriteLine($"{pending.Results.Count} answer(s) waiting");
            return ExitCodes.Ok;
        });
        return command;
    }
}
