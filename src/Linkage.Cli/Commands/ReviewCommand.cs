using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Spectre.Console;
using static Linkage.Cli.Commands.GatewayCommand;
using AdministrationClient = Linkage.Contracts.V1.Administration.AdministrationClient;
using ReviewClient = Linkage.Contracts.V1.Review.ReviewClient;

namespace Linkage.Cli.Commands;

/// <summary>
/// review list | show | preview | approve | decline: held responses (自動応答不可) decided by reviewers; review extend
/// moves a deadline (administrator).
/// </summary>
public static class ReviewCommand
{
    public static Command Create(Terminal terminal) =>
        new("review", "Held responses waiting for a reviewer's decision (reviewer; extend: administrator)")
        {
            List(terminal), Show(terminal), Preview(terminal), Approve(terminal), Decline(terminal), Extend(terminal),
        };

    private static Command List(Terminal terminal)
    {
        var states = new Option<string[]>("--state") { Description = "Only items in this state; repeat for several (default: waiting, first-approval)" };
        states.AcceptOnlyFromAmong([.. ReviewTables.States.Keys]);
        var name = new Option<string?>("--information-name") { Description = "Only this information name (TM + 14 digits)" };
        var inquirer = new Option<string?>("--inquirer") { Description = "Only inquiries from this institution code" };
        var deadlineBefore = new Option<DateTimeOffset?>("--deadline-before") { Description = "Only items due before this time (ISO 8601)" };
        var pageSize = new Option<int>("--page-size") { Description = "How many items to list (at most 1000; default 100)" };
        var pageToken = new Option<string?>("--page-token") { Description = "The next page token a previous list printed" };
        return GatewayCommand.Create(terminal, "list", "List held items: escalated first, then oldest first",
            [states, name, inquirer, deadlineBefore, pageSize, pageToken],
            (parsed, channel, ct) =>
            {
                var request = new ListHeldRequest
                {
                    InformationNameCode = parsed.GetValue(name) ?? "",
                    InquirerInstitutionCode = parsed.GetValue(inquirer) ?? "",
                    DeadlineBefore = parsed.GetValue(deadlineBefore) is { } before ? Timestamp.FromDateTimeOffset(before) : null,
                    PageSize = parsed.GetValue(pageSize),
                    PageToken = parsed.GetValue(pageToken) ?? "",
                };
                request.States.AddRange((parsed.GetValue(states) ?? []).Select(s => ReviewTables.States[s]));
                return new ReviewClient(channel).ListHeldAsync(request, deadline: Deadline(), cancellationToken: ct).ResponseAsync;
            },
            (ansi, page) =>
            {
                ansi.Write(ReviewTables.Held(page.Held));
                ansi.WriteLine($"{page.Held.Count} held item(s)");
                if (page.NextPageToken.Length > 0) ansi.WriteLine($"the next page: --page-token {page.NextPageToken}");
            });
    }

    private static Command Show(Terminal terminal)
    {
        var id = HeldId();
        return GatewayCommand.Create(terminal, "show", "The context of a held item and its decisions (never the answer itself)", [id],
            (parsed, channel, ct) => new ReviewClient(channel).GetHeldAsync(new GetHeldRequest { HeldId = parsed.GetValue(id) },
                deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            Print);
    }

    private static Command Preview(Terminal terminal)
    {
        var id = HeldId();
        return GatewayCommand.Create(terminal, "preview", "The answer that approval would send now (recorded in the operation log)", [id],
            (parsed, channel, ct) => new ReviewClient(channel).PreviewAnswerAsync(new GetHeldRequest { HeldId = parsed.GetValue(id) },
                deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, preview) =>
            {
                if (!preview.HasData)
                {
                    ansi.WriteLine("no data: approval sends not provided (no data)");
                    return;
                }
                ansi.Write(ReviewTables.Preview(preview));
                ansi.WriteLine($"{preview.Records.Count} record(s)");
            });
    }

    private static Command Approve(Terminal terminal)
    {
        var id = HeldId();
        var comment = new Option<string?>("--comment") { Description = "A comment kept with the decision" };
        return GatewayCommand.Create(terminal, "approve", "Approve a held item: its answer is sent (two-person items need a second reviewer)",
            [id, comment],
            (parsed, channel, ct) => new ReviewClient(channel).ApproveAsync(
                new ApproveRequest { HeldId = parsed.GetValue(id), Comment = parsed.GetValue(comment) ?? "" },
                deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            Decided);
    }

    private static Command Decline(Terminal terminal)
    {
        var id = HeldId();
        var reason = new Option<string>("--reason") { Description = "Why the answer is not provided", Required = true };
        reason.AcceptOnlyFromAmong([.. ReviewTables.DeclineReasons.Keys]);
        var text = new Option<string?>("--text") { Description = "The reason in words (required with --reason other)" };
        return GatewayCommand.Create(terminal, "decline", "Decline a held item: the inquirer is told not provided, with the reason",
            [id, reason, text],
            (parsed, channel, ct) => new ReviewClient(channel).DeclineAsync(new DeclineRequest
            {
                HeldId = parsed.GetValue(id),
                Reason = ReviewTables.DeclineReasons[parsed.GetValue(reason)!],
                Text = parsed.GetValue(text) ?? "",
            }, deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            Decided);
    }

    private static Command Extend(Terminal terminal)
    {
        var id = HeldId();
        var deadline = new Option<DateTimeOffset>("--deadline") { Description = "The new review deadline (ISO 8601)", Required = true };
        var reason = Reason();
        return GatewayCommand.Create(terminal, "extend", "Move a held item's review deadline (administrator)", [id, deadline, reason],
            (parsed, channel, ct) => new AdministrationClient(channel).ExtendDeadlineAsync(new ExtendDeadlineRequest
            {
                HeldId = parsed.GetValue(id),
                Deadline = Timestamp.FromDateTimeOffset(parsed.GetValue(deadline)),
                Reason = parsed.GetValue(reason),
            }, deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, extended) => ansi.WriteLine($"deadline {Tables.Time(extended.Deadline)}"));
    }

    internal static Argument<string> HeldId() => new("HELD_ID") { Description = "The held item's id (the permit id), as review list shows it" };

    private static void Print(IAnsiConsole ansi, HeldDetail detail)
    {
        ansi.Write(ReviewTables.Held(detail.Summary is null ? [] : [detail.Summary]));
        ansi.Write(ReviewTables.Context(detail));
        if (detail.History.Count > 0) ansi.Write(ReviewTables.History(detail.History));
        else ansi.WriteLine("no decisions yet");
    }

    private static void Decided(IAnsiConsole ansi, HeldDetail detail)
    {
        Print(ansi, detail);
        ansi.WriteLine(ReviewTables.Outcome(detail));
    }
}
