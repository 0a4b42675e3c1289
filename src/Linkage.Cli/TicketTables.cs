using Linkage.Contracts.V1;
using Spectre.Console;

namespace Linkage.Cli;

/// <summary>The tables of tickets: the list, one ticket's receipt and its steps, and the names the command line uses.</summary>
public static class TicketTables
{
    public static readonly IReadOnlyDictionary<string, TicketKind> Kinds = new Dictionary<string, TicketKind>(StringComparer.Ordinal)
    {
        ["disclosure"] = TicketKind.Disclosure,
        ["correction"] = TicketKind.Correction,
        ["deletion"] = TicketKind.Deletion,
        ["suspension"] = TicketKind.Suspension,
        ["enquiry"] = TicketKind.Enquiry,
    };

    public static readonly IReadOnlyDictionary<string, TicketChannel> Channels = new Dictionary<string, TicketChannel>(StringComparer.Ordinal)
    {
        ["counter"] = TicketChannel.Counter,
        ["post"] = TicketChannel.Post,
        ["electronic"] = TicketChannel.Electronic,
    };

    public static readonly IReadOnlyDictionary<string, TicketState> States = new Dictionary<string, TicketState>(StringComparer.Ordinal)
    {
        ["open"] = TicketState.Open,
        ["closed"] = TicketState.Closed,
    };

    public static readonly IReadOnlyDictionary<string, TicketOutcome> Outcomes = new Dictionary<string, TicketOutcome>(StringComparer.Ordinal)
    {
        ["granted"] = TicketOutcome.Granted,
        ["partly-granted"] = TicketOutcome.PartlyGranted,
        ["not-granted"] = TicketOutcome.NotGranted,
        ["answered"] = TicketOutcome.Answered,
        ["withdrawn"] = TicketOutcome.Withdrawn,
        ["transferred"] = TicketOutcome.Transferred,
    };

    public static Table Tickets(IEnumerable<TicketView> tickets)
    {
        var table = Tables.Of("Ticket id", "Kind", "Channel", "By", "Person", "Received", "Due", "Overdue", "State", "Steps");
        // The id is copied from here into show, step and close: never broken over two lines.
        table.Columns[0].NoWrap();
        foreach (var t in tickets)
            table.Row(t.TicketId, Name(Kinds, t.Kind), Name(Channels, t.Channel), t.ByAgent ? "agent" : "person",
                t.InternalAddressNumber.Length > 0 ? t.InternalAddressNumber : "-", Tables.Time(t.ReceivedAt), t.DueDate.Length > 0 ? t.DueDate : "-",
                t.Overdue ? "OVERDUE" : "", State(t), $"{t.StepCount}");
        return table;
    }

    /// <summary>What was asked and by whom, as written on the receipt (show only: lists leave it out).</summary>
    public static Table Receipt(TicketView ticket)
    {
        var table = Tables.Of("Receipt", "");
        table.Row("Asked", ticket.RequestText);
        table.Row("By", ticket.ByAgent ? $"agent: {ticket.AgentName} ({ticket.AgentRelationship})" : "the person");
        table.Row("Registered", $"{Tables.Time(ticket.RegisteredAt)} by {ticket.RegisteredBy}");
        return table;
    }

    public static Table Steps(IEnumerable<TicketStepView> steps)
    {
        var table = Tables.Of("#", "At", "Staff id", "Action", "Result", "Outcome");
        foreach (var s in steps)
            table.Row($"{s.Number}", Tables.Time(s.At), s.StaffId, s.Action, s.Result, s.Outcome == TicketOutcome.Unspecified ? "" : Name(Outcomes, s.Outcome));
        return table;
    }

    public static Table Counts(TicketStatistics statistics)
    {
        var table = Tables.Of("Tickets", "Open", "Overdue", "Closed");
        foreach (var k in statistics.ByKind)
            table.Row(Name(Kinds, k.Kind), $"{k.Open}", $"{k.Overdue}", $"{k.Closed}");
        table.Row("all", $"{statistics.Open}", $"{statistics.Overdue}", $"{statistics.ByKind.Sum(k => k.Closed)}");
        return table;
    }

    public static string State(TicketView ticket) =>
        ticket.State == TicketState.Closed ? $"closed {Name(Outcomes, ticket.Outcome)} {Tables.Time(ticket.ClosedAt)}" : Name(States, ticket.State);

    private static string Name<T>(IReadOnlyDictionary<string, T> names, T value) where T : struct, Enum =>
        names.FirstOrDefault(n => EqualityComparer<T>.Default.Equals(n.Value, value)).Key ?? value.ToString();
}
