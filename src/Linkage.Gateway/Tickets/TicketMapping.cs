using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Domain.Tickets;
using DomainChannel = Linkage.Domain.Tickets.TicketChannel;
using DomainKind = Linkage.Domain.Tickets.TicketKind;
using DomainOutcome = Linkage.Domain.Tickets.TicketOutcome;
using WireChannel = Linkage.Contracts.V1.TicketChannel;
using WireKind = Linkage.Contracts.V1.TicketKind;
using WireKindCount = Linkage.Contracts.V1.TicketKindCount;
using WireOutcome = Linkage.Contracts.V1.TicketOutcome;
using WireState = Linkage.Contracts.V1.TicketState;

namespace Linkage.Gateway.Tickets;

/// <summary>
/// Tickets as the Tickets service's messages. The enum numbers are the same on both sides; one the domain does not
/// know is refused there. A listing leaves out what was asked and who asked: those are read one ticket at a time.
/// </summary>
internal static class TicketMapping
{
    public static TicketDesk.Draft ToDraft(RegisterTicketRequest request) => new((DomainKind)(int)request.Kind,
        (DomainChannel)(int)request.Channel, new TicketRequester(request.ByAgent, request.AgentName, request.AgentRelationship),
        request.InternalAddressNumber, request.RequestText, request.ReceivedAt?.ToDateTimeOffset());

    public static TicketDesk.StepDraft ToDraft(AddTicketStepRequest request) =>
        new(request.Action, request.Result, (DomainOutcome)(int)request.Outcome, request.At?.ToDateTimeOffset());

    public static TicketView ToWire(TicketDetail detail)
    {
        var view = Summary(detail.Ticket, detail.Today);
        view.AgentName = detail.Ticket.Requester.AgentName;
        view.AgentRelationship = detail.Ticket.Requester.AgentRelationship;
        view.RequestText = detail.Ticket.RequestText;
        view.Steps.AddRange(detail.Steps.Select(s => new TicketStepView
        {
            Number = s.Number,
            StaffId = s.StaffId,
            At = Timestamp.FromDateTimeOffset(s.At),
            Action = s.Action,
            Result = s.Result,
            Outcome = (WireOutcome)(int)s.Outcome,
        }));
        return view;
    }

    public static ListTicketsResponse ToWire(TicketListing listing)
    {
        var response = new ListTicketsResponse { NextPageToken = listing.NextPageToken, AsOf = Date(listing.Today) };
        response.Tickets.AddRange(listing.Tickets.Select(t => Summary(t, listing.Today)));
        return response;
    }

    public static TicketStatistics ToWire(TicketCounts counts)
    {
        var statistics = new TicketStatistics { Open = counts.Open, Overdue = counts.Overdue };
        statistics.ByKind.AddRange(counts.ByKind.Select(k => new WireKindCount
            { Kind = (WireKind)(int)k.Kind, Open = k.Open, Overdue = k.Overdue, Closed = k.Closed }));
        return statistics;
    }

    private static TicketView Summary(Ticket ticket, DateOnly today) => new()
    {
        TicketId = ticket.TicketId,
        Kind = (WireKind)(int)ticket.Kind,
        Channel = (WireChannel)(int)ticket.Channel,
        ByAgent = ticket.Requester.ByAgent,
        InternalAddressNumber = ticket.Person?.Value ?? "",
        ReceivedAt = Timestamp.FromDateTimeOffset(ticket.ReceivedAt),
        DueDate = ticket.DueDate is { } due ? Date(due) : "",
        Overdue = ticket.IsOverdueOn(today),
        State = (WireState)(int)ticket.State,
        Outcome = (WireOutcome)(int)ticket.Outcome,
        ClosedAt = ticket.ClosedAt is { } closed ? Timestamp.FromDateTimeOffset(closed) : null,
        RegisteredBy = ticket.RegisteredBy,
        RegisteredAt = Timestamp.FromDateTimeOffset(ticket.RegisteredAt),
        StepCount = ticket.StepCount,
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
