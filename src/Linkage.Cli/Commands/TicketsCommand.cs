using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Spectre.Console;
using static Linkage.Cli.Commands.GatewayCommand;
using TicketsClient = Linkage.Contracts.V1.Tickets.TicketsClient;

namespace Linkage.Cli.Commands;

/// <summary>
/// tickets list | show | register | step | close: the person's disclosure, correction, deletion and suspension
/// requests and enquiries (reviewer, administrator; list and show: auditor too).
/// </summary>
public static class TicketsCommand
{
    public static Command Create(Terminal terminal) =>
        new("tickets", "The person's requests and enquiries: registered on receipt, each step recorded, closed with the outcome "
            + "(reviewer, administrator; list and show: auditor too)")
        {
            List(terminal), Show(terminal), Register(terminal), Step(terminal), Close(terminal),
        };

    private static Command List(Terminal terminal)
    {
        var state = new Option<string?>("--state") { Description = "Only open or closed tickets (default: both)" };
        state.AcceptOnlyFromAmong([.. TicketTables.States.Keys]);
        var kind = Kind("Only tickets of this kind");
        var overdue = new Option<bool>("--overdue") { Description = "Only open tickets past their due date" };
        var person = new Option<string?>("--person") { Description = "Only this person's tickets (internal address number, 15 digits)" };
        var pageSize = new Option<int>("--page-size") { Description = "How many tickets to list (at most 1000; default 100)" };
        var pageToken = new Option<string?>("--page-token") { Description = "The next page token a previous list printed" };
        return GatewayCommand.Create(terminal, "list", "List tickets: overdue first, then the oldest received",
            [state, kind, overdue, person, pageSize, pageToken],
            (parsed, channel, ct) => new TicketsClient(channel).ListTicketsAsync(new ListTicketsRequest
            {
                State = parsed.GetValue(state) is { } s ? TicketTables.States[s] : TicketState.Unspecified,
                Kind = parsed.GetValue(kind) is { } k ? TicketTables.Kinds[k] : TicketKind.Unspecified,
                OverdueOnly = parsed.GetValue(overdue),
                InternalAddressNumber = parsed.GetValue(person) ?? "",
                PageSize = parsed.GetValue(pageSize),
                PageToken = parsed.GetValue(pageToken) ?? "",
            }, deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            (ansi, page) =>
            {
                ansi.Write(TicketTables.Tickets(page.Tickets));
                ansi.WriteLine($"{page.Tickets.Count} ticket(s), overdue as of {page.AsOf}");
                if (page.NextPageToken.Length > 0) ansi.WriteLine($"the next page: --page-token {page.NextPageToken}");
            });
    }

    private static Command Show(Terminal terminal)
    {
        var id = TicketId();
        return GatewayCommand.Create(terminal, "show", "A ticket: what was asked, by whom, and every step", [id],
            (parsed, channel, ct) => new TicketsClient(channel).GetTicketAsync(new GetTicketRequest { TicketId = parsed.GetValue(id) },
                deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            Print);
    }

    private static Command Register(Terminal terminal)
    {
        var kind = Kind("What the person asks for");
        kind.Required = true;
        var via = new Option<string>("--channel") { Description = "How it came in", Required = true };
        via.AcceptOnlyFromAmong([.. TicketTables.Channels.Keys]);
        var person = new Option<string?>("--person") { Description = "The person concerned (internal address number, 15 digits; an enquiry may go without)" };
        var request = new Option<string>("--request") { Description = "What was asked, as on the form", Required = true };
        var agent = new Option<string?>("--agent") { Description = "Handed in by an agent: the agent's name" };
        var relationship = new Option<string?>("--relationship") { Description = "The agent's relationship to the person (with --agent)" };
        var received = new Option<DateTimeOffset?>("--received-at") { Description = "When it was received (ISO 8601; default now)" };
        return GatewayCommand.Create(terminal, "register", "Register a request or enquiry on receipt (受付票)",
            [kind, via, person, request, agent, relationship, received],
            (parsed, channel, ct) => new TicketsClient(channel).RegisterTicketAsync(new RegisterTicketRequest
            {
                Kind = TicketTables.Kinds[parsed.GetValue(kind)!],
                Channel = TicketTables.Channels[parsed.GetValue(via)!],
                ByAgent = parsed.GetValue(agent) is not null,
                AgentName = parsed.GetValue(agent) ?? "",
                AgentRelationship = parsed.GetValue(relationship) ?? "",
                InternalAddressNumber = parsed.GetValue(person) ?? "",
                RequestText = parsed.GetValue(request)!,
                ReceivedAt = parsed.GetValue(received) is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            }, deadline: Deadline(), cancellationToken: ct).ResponseAsync,
            Print);
    }

    private static Command Step(Terminal terminal)
    {
        var (id, action, result, at) = StepOptions();
        return GatewayCommand.Create(terminal, "step", "Record a handling step of an open ticket", [id, action, result, at],
            (parsed, channel, ct) => AddStepAsync(parsed, channel, id, action, result, at, TicketOutcome.Unspecified, ct), Print);
    }

    private static Command Close(Terminal terminal)
    {
        var (id, action, result, at) = StepOptions();
        var outcome = new Option<string>("--outcome") { Description = "How it ended (answered: enquiries; granted, partly-granted, not-granted: requests)", Required = true };
        outcome.AcceptOnlyFromAmong([.. TicketTables.Outcomes.Keys]);
        return GatewayCommand.Create(terminal, "close", "Record the closing step with its outcome: no step follows it", [id, outcome, action, result, at],
            (parsed, channel, ct) => AddStepAsync(parsed, channel, id, action, result, at, TicketTables.Outcomes[parsed.GetValue(outcome)!], ct),
            Print);
    }

    private static Task<TicketView> AddStepAsync(ParseResult parsed, Grpc.Net.Client.GrpcChannel channel, Argument<string> id, Option<string> action,
        Option<string?> result, Option<DateTimeOffset?> at, TicketOutcome outcome, CancellationToken ct) =>
        new TicketsClient(channel).AddTicketStepAsync(new AddTicketStepRequest
        {
            TicketId = parsed.GetValue(id),
            Action = parsed.GetValue(action)!,
            Result = parsed.GetValue(result) ?? "",
            Outcome = outcome,
            At = parsed.GetValue(at) is { } when ? Timestamp.FromDateTimeOffset(when) : null,
        }, deadline: Deadline(), cancellationToken: ct).ResponseAsync;

    private static (Argument<string> Id, Option<string> Action, Option<string?> Result, Option<DateTimeOffset?> At) StepOptions() => (
        TicketId(),
        new Option<string>("--action") { Description = "What was done", Required = true },
        new Option<string?>("--result") { Description = "What came of it" },
        new Option<DateTimeOffset?>("--at") { Description = "When it was done (ISO 8601; default now)" });

    private static Option<string?> Kind(string description)
    {
        var kind = new Option<string?>("--kind") { Description = description };
        kind.AcceptOnlyFromAmong([.. TicketTables.Kinds.Keys]);
        return kind;
    }

    private static Argument<string> TicketId() => new("TICKET_ID") { Description = "The ticket's id (tk-...), as tickets list shows it" };

    private static void Print(IAnsiConsole ansi, TicketView ticket)
    {
        ansi.Write(TicketTables.Tickets([ticket]));
        ansi.Write(TicketTables.Receipt(ticket));
        if (ticket.Steps.Count > 0) ansi.Write(TicketTables.Steps(ticket.Steps));
        else ansi.WriteLine("no steps yet");
    }
}
