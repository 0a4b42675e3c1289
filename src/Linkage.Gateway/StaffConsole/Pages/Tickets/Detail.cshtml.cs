using Linkage.Contracts.V1;
using Linkage.Gateway.Tickets;
using Microsoft.AspNetCore.Mvc;

namespace Linkage.Gateway.StaffConsole.Pages.Tickets;

/// <summary>One ticket through linkage.v1.Tickets: GetTicket with its steps, and AddTicketStep (a closing one with an outcome).</summary>
public sealed class TicketDetailModel : ConsolePage
{
    public TicketView Ticket { get; private set; } = new();
    public string? Done { get; private set; }
    public bool CanAddStep => ConsoleRpc.Allows(HttpContext, ConsolePages.AddTicketStep);

    public IReadOnlyList<TicketOutcome> Outcomes => Ticket.Kind == TicketKind.Enquiry
        ? [TicketOutcome.Answered, TicketOutcome.Withdrawn, TicketOutcome.Transferred]
        : [TicketOutcome.Granted, TicketOutcome.PartlyGranted, TicketOutcome.NotGranted, TicketOutcome.Withdrawn, TicketOutcome.Transferred];

    public async Task OnGetAsync(string id, string? done)
    {
        Ticket = await CallAsync<TicketsService, GetTicketRequest, TicketView>(ConsolePages.GetTicket, new GetTicketRequest { TicketId = id },
            (service, r, context) => service.GetTicket(r, context));
        Done = done switch { "registered" => "受け付けました。", "step" => "対応を記録しました。", _ => null };
    }

    public async Task<IActionResult> OnPostStepAsync(string id, string? action, string? result, int outcome)
    {
        await CallAsync<TicketsService, AddTicketStepRequest, TicketView>(ConsolePages.AddTicketStep, new AddTicketStepRequest
        {
            TicketId = id, Action = action ?? "", Result = result ?? "", Outcome = (TicketOutcome)outcome,
        }, (service, r, context) => service.AddTicketStep(r, context));
        return Redirect($"/tickets/{Uri.EscapeDataString(id)}?done=step");
    }
}
