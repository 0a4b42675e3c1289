using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Spectre.Console;
using static Linkage.Cli.Commands.GatewayCommand;

namespace Linkage.Cli.Commands;

/// <summary>operations: a page of the operation log (操作ログ), filtered by staff, period and RPC (auditor).</summary>
public static class OperationsCommand
{
    public static Command Create(Terminal terminal)
    {
        var after = ChainPositionOption.Create("entries");
        var pageSize = new Option<int>("--page-size") { Description = "How many entries to list (at most 1000)", DefaultValueFactory = _ => 100 };
        var actor = new Option<string?>("--actor") { Description = "Only this staff id or system id" };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Only entries at or after this time (ISO 8601)" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Only entries before this time (ISO 8601)" };
        var rpc = new Option<string?>("--rpc") { Description = "Only this RPC, e.g. /linkage.v1.Records/Disclose" };
        return GatewayCommand.Create(terminal, "operations", "List the operation log: who did what, when, and how it ended (auditor)",
            [after, pageSize, actor, from, to, rpc],
            (parsed, channel, ct) => new Records.RecordsClient(channel).ListOperationsAsync(new ListOperationsRequest
            {
                AfterNode = ChainPositionOption.Parse(parsed.GetValue(after))!.Value.Node,
                AfterSequence = ChainPositionOption.Parse(parsed.GetValue(after))!.Value.Sequence,
                PageSize = parsed.GetValue(pageSize),
                ActorId = parsed.GetValue(actor) ?? "",
                From = parsed.GetValue(from) is { } start ? Timestamp.FromDateTimeOffset(start) : null,
                To = parsed.GetValue(to) is { } end ? Timestamp.FromDateTimeOffset(end) : null,
                Rpc = parsed.GetValue(rpc) ?? "",
            }, deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, page) =>
            {
                var table = Tables.Of("Node", "Seq", "At", "Actor", "Session", "RPC", "Target", "Outcome", "Reason");
                foreach (var o in page.Operations)
                    table.Row(o.Node, $"{o.Sequence}", Tables.Time(o.At), $"{o.ActorKind} {o.ActorId}", o.SessionId, o.Rpc, o.Target,
                        Outcome(o.Outcome), o.Reason);
                ansi.Write(table);
                ansi.WriteLine(page.Operations.Count == 0 ? "no entries"
                    : $"{page.Operations.Count} entries; the next page: --after {page.Operations[^1].Node}:{page.Operations[^1].Sequence}");
            });
    }

    private static string Outcome(OperationOutcome outcome) => outcome switch
    {
        OperationOutcome.Done => "done",
        OperationOutcome.Refused => "refused",
        OperationOutcome.Failed => "failed",
        _ => "",
    };
}
