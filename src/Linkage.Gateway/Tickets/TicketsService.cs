using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Tickets;
using Linkage.Gateway.Access;
using TicketsContract = Linkage.Contracts.V1.Tickets;

namespace Linkage.Gateway.Tickets;

/// <summary>The person's requests and enquiries as tickets; the rules are <see cref="TicketDesk"/>'s. Permissions: <see cref="RpcPermissions"/>.</summary>
public sealed class TicketsService(TicketDesk desk) : TicketsContract.TicketsBase
{
    public override async Task<TicketView> RegisterTicket(RegisterTicketRequest request, ServerCallContext context) =>
        TicketMapping.ToWire(await desk.RegisterAsync(TicketMapping.ToDraft(request), context.Caller().Id, context.CancellationToken));

    public override async Task<TicketView> AddTicketStep(AddTicketStepRequest request, ServerCallContext context) =>
        TicketMapping.ToWire(await desk.AddStepAsync(request.TicketId, TicketMapping.ToDraft(request), context.Caller().Id,
            context.CancellationToken));

    public override async Task<TicketView> GetTicket(GetTicketRequest request, ServerCallContext context) =>
        TicketMapping.ToWire(await desk.GetAsync(request.TicketId, context.CancellationToken));

    public override async Task<ListTicketsResponse> ListTickets(ListTicketsRequest request, ServerCallContext context) =>
        TicketMapping.ToWire(await desk.ListAsync((Domain.Tickets.TicketState)(int)request.State, (Domain.Tickets.TicketKind)(int)request.Kind,
            request.OverdueOnly, request.InternalAddressNumber, request.PageSize, request.PageToken, context.CancellationToken));
}
