using Linkage.Contracts.V1;
using Linkage.Gateway.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Linkage.Gateway.StaffConsole.Pages.Tickets;

/// <summary>本人からの請求・問合せ through linkage.v1.Tickets: ListTickets (overdue first) and RegisterTicket.</summary>
public sealed class TicketsModel : ConsolePage
{
    public IReadOnlyList<TicketKind> Kinds { get; } =
        [TicketKind.Disclosure, TicketKind.Correction, TicketKind.Deletion, TicketKind.Suspension, TicketKind.Enquiry];

    public TicketState? State { get; private set; }
    public TicketKind? Kind { get; private set; }
    public bool OverdueOnly { get; private set; }
    public string AsOf { get; private set; } = "";
    public string NextPage { get; private set; } = "";
    public IReadOnlyList<TicketView> Tickets { get; private set; } = [];
    public bool CanRegister => ConsoleRpc.Allows(HttpContext, ConsolePages.RegisterTicket);

    public string NextLink => QueryHelpers.AddQueryString("/tickets", new Dictionary<string, string?>
    {
        ["state"] = State is { } s ? ((int)s).ToString() : null, ["kind"] = Kind is { } k ? ((int)k).ToString() : null,
        ["overdue"] = OverdueOnly ? "true" : null, ["from"] = NextPage,
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public async Task OnGetAsync(int? state, int? kind, bool overdue, string? from)
    {
        State = state is 1 or 2 ? (TicketState)state : null;
        Kind = kind is >= 1 and <= 5 ? (TicketKind)kind : null;
        OverdueOnly = overdue;
        var response = await CallAsync<TicketsService, ListTicketsRequest, ListTicketsResponse>(ConsolePages.ListTickets, new ListTicketsRequest
        {
            State = State ?? TicketState.Unspecified, Kind = Kind ?? TicketKind.Unspecified, OverdueOnly = overdue, PageSize = 50, PageToken = from ?? "",
        }, (service, r, context) => service.ListTickets(r, context));
        (Tickets, NextPage, AsOf) = (response.Tickets, response.NextPageToken, response.AsOf);
    }

    public async Task<IActionResult> OnPostRegisterAsync(int kind, int channel, string? person, bool byAgent, string? agentName,
        string? agentRelationship, string? text)
    {
        var ticket = await CallAsync<TicketsService, RegisterTicketRequest, TicketView>(ConsolePages.RegisterTicket, new RegisterTicketRequest
        {
            Kind = (TicketKind)kind, Channel = (TicketChannel)channel, InternalAddressNumber = person?.Trim() ?? "", ByAgent = byAgent,
            AgentName = agentName ?? "", AgentRelationship = agentRelationship ?? "", RequestText = text ?? "",
        }, (service, r, context) => service.RegisterTicket(r, context));
        return Redirect($"/tickets/{Uri.EscapeDataString(ticket.TicketId)}?done=registered");
    }
}
