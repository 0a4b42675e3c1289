using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using OperationOutcome = Linkage.Domain.Staff.OperationOutcome;
using TicketsContract = Linkage.Contracts.V1.Tickets;

namespace Linkage.Gateway.Tests;

/// <summary>
/// What the Tickets service refuses, each with its status, reason and field, in the operation log and changing nothing;
/// and the listing in SQLite: overdue first then oldest, requests and enquiries (no due date) mixed, filters and pages.
/// </summary>
public sealed class TicketRefusalAndListTests : IAsyncLifetime
{
    private const string Person = "082210000000061";
    private const string OtherPerson = "082210000000062";

    private GatewayOnTestServer _gateway = null!;
    private TicketsContract.TicketsClient _tickets = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayOnTestServer.StartAsync();
        _tickets = new TicketsContract.TicketsClient(_gateway.Channel(Roles.Administrator));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private static RegisterTicketRequest Valid() => new()
        { Kind = TicketKind.Disclosure, Channel = TicketChannel.Counter, InternalAddressNumber = Person, RequestText = "提供記録の開示" };

    [Fact(Timeout = 120_000)]
    public async Task Bad_input_is_refused_with_its_reason_and_field_logged_and_nothing_changes()
    {
        var open = await _tickets.RegisterTicketAsync(Valid());
        var closed = await _tickets.RegisterTicketAsync(Valid());
        await _tickets.AddTicketStepAsync(new AddTicketStepRequest { TicketId = closed.TicketId, Action = "取下げ書を受理", Outcome = TicketOutcome.Withdrawn });
        var before = await Everything();

        var cases = new (string Rpc, Func<Task> Call, StatusCode Code, string Reason, string? Field)[]
        {
            ("RegisterTicket", Register(r => r.Kind = TicketKind.Unspecified), StatusCode.InvalidArgument, "INVALID_ARGUMENT", "kind"),
            ("RegisterTicket", Register(r => r.Kind = (TicketKind)42), StatusCode.InvalidArgument, "INVALID_ARGUMENT", "kind"),
            ("RegisterTicket", Register(r => r.Channel = (TicketChannel)7), StatusCode.InvalidArgument, "INVALID_ARGUMENT", "channel"),
            ("RegisterTicket", Register(r => r.InternalAddressNumber = ""), StatusCode.InvalidArgument, "MISSING_FIELD", "internal_address_number"),
            ("RegisterTicket", Register(r => r.InternalAddressNumber = "08221000000006"), StatusCode.InvalidArgument, "MALFORMED_CODE", "internal_address_number"),
            ("RegisterTicket", Register(r => r.RequestText = ""), StatusCode.InvalidArgument, "MISSING_FIELD", "request_text"),
            ("RegisterTicket", Register(r => r.RequestText = new string('x', 2001)), StatusCode.InvalidArgument, "VALUE_TOO_LONG", "request_text"),
            ("RegisterTicket", Register(r => r.ByAgent = true), StatusCode.InvalidArgument, "MISSING_FIELD", "agent_name"),
            ("RegisterTicket", Register(r => r.AgentName = "代理 太郎"), StatusCode.InvalidArgument, "INVALID_ARGUMENT", "agent_name"),
            ("RegisterTicket", Register(r => r.ReceivedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1))),
                StatusCode.InvalidArgument, "INVALID_ARGUMENT", "received_at"),
            ("AddTicketStep", Step(closed.TicketId, "追記"), StatusCode.FailedPrecondition, "TICKET_CLOSED", null),
            ("AddTicketStep", Step("tk-unknown00000", "追記"), StatusCode.NotFound, "TICKET_NOT_FOUND", null),
            ("AddTicketStep", Step(open.TicketId, ""), StatusCode.InvalidArgument, "MISSING_FIELD", "action"),
            ("AddTicketStep", Step(open.TicketId, new string('x', 2001)), StatusCode.InvalidArgument, "VALUE_TOO_LONG", "action"),
            ("AddTicketStep", Step(open.TicketId, "回答", TicketOutcome.Answered), StatusCode.InvalidArgument, "INVALID_ARGUMENT", "outcome"),
            ("AddTicketStep", Step(open.TicketId, "x", (TicketOutcome)9), StatusCode.InvalidArgument, "INVALID_ARGUMENT", "outcome"),
            ("GetTicket", () => _tickets.GetTicketAsync(new GetTicketRequest { TicketId = new string('t', 10_000) }).ResponseAsync,
                StatusCode.NotFound, "TICKET_NOT_FOUND", null),
            ("ListTickets", List(r => r.PageSize = 1001), StatusCode.InvalidArgument, "INVALID_ARGUMENT", "page_size"),
            ("ListTickets", List(r => r.PageSize = -1), StatusCode.InvalidArgument, "INVALID_ARGUMENT", "page_size"),
            ("ListTickets", List(r => r.PageToken = "not-ours"), StatusCode.InvalidArgument, "INVALID_ARGUMENT", "page_token"),
            ("ListTickets", List(r => r.State = (TicketState)5), StatusCode.InvalidArgument, "INVALID_ARGUMENT", "state"),
            ("ListTickets", List(r => r.InternalAddressNumber = "x"), StatusCode.InvalidArgument, "MALFORMED_CODE", "internal_address_number"),
        };

        var mismatches = new List<string>();
        foreach (var (rpc, call, code, reason, field) in cases)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            var actual = (error.StatusCode, error.Reason(), error.FieldViolations().SingleOrDefault()?.Field);
            var logged = (await OperationsAsync())[^1];
            if (actual != (code, reason, field) || logged.Rpc != $"/linkage.v1.Tickets/{rpc}"
                || (logged.Outcome, logged.Reason) != (OperationOutcome.Refused, reason))
                mismatches.Add($"{rpc} expected {code} {reason} {field}, got {actual}, logged {logged.Rpc} {logged.Outcome} {logged.Reason}");
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
        Assert.Equal(before, await Everything());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_list_shows_overdue_first_then_oldest_with_enquiries_among_them_and_pages_through_its_filters()
    {
        var now = DateTimeOffset.UtcNow;
        var fresh = await RegisterAsync(Person, TicketKind.Disclosure, now.AddDays(-2));
        var enquiryOld = await RegisterAsync("", TicketKind.Enquiry, now.AddDays(-60));
        var overdueNewer = await RegisterAsync(OtherPerson, TicketKind.Correction, now.AddDays(-35));
        var overdueOlder = await RegisterAsync(Person, TicketKind.Disclosure, now.AddDays(-50));
        var closedOld = await RegisterAsync(Person, TicketKind.Deletion, now.AddDays(-70));
        await _tickets.AddTicketStepAsync(new AddTicketStepRequest { TicketId = closedOld.TicketId, Action = "削除", Outcome = TicketOutcome.Granted });
        var enquiryNew = await RegisterAsync(Person, TicketKind.Enquiry, now.AddDays(-1));

        var paged = new List<ListTicketsResponse>();
        var token = "";
        do
        {
            paged.Add(await _tickets.ListTicketsAsync(new ListTicketsRequest { PageSize = 2, PageToken = token }));
            token = paged[^1].NextPageToken;
        } while (token.Length > 0);
        var all = paged.SelectMany(p => p.Tickets).ToList();

        Assert.Equal([overdueOlder.TicketId, overdueNewer.TicketId, closedOld.TicketId, enquiryOld.TicketId, fresh.TicketId, enquiryNew.TicketId],
            all.Select(t => t.TicketId));
        Assert.Equal([true, true, false, false, false, false], all.Select(t => t.Overdue));
        Assert.Equal([2, 2, 2], paged.Select(p => p.Tickets.Count));
        Assert.All(all, t => Assert.Equal(("", "", ""), (t.RequestText, t.AgentName, t.AgentRelationship)));
        Assert.Equal(Ids(overdueOlder, overdueNewer), Ids(await ListAsync(new ListTicketsRequest { OverdueOnly = true })));
        Assert.Equal(Ids(closedOld), Ids(await ListAsync(new ListTicketsRequest { State = TicketState.Closed })));
        Assert.Equal(Ids(enquiryOld, enquiryNew), Ids(await ListAsync(new ListTicketsRequest { Kind = TicketKind.Enquiry, State = TicketState.Open })));
        Assert.Equal(Ids(overdueOlder, closedOld, fresh, enquiryNew), Ids(await ListAsync(new ListTicketsRequest { InternalAddressNumber = Person })));
    }

    private Func<Task> Register(Action<RegisterTicketRequest> change) => () =>
    {
        var request = Valid();
        change(request);
        return _tickets.RegisterTicketAsync(request).ResponseAsync;
    };

    private Func<Task> Step(string ticketId, string action, TicketOutcome outcome = TicketOutcome.Unspecified) => () =>
        _tickets.AddTicketStepAsync(new AddTicketStepRequest { TicketId = ticketId, Action = action, Outcome = outcome }).ResponseAsync;

    private Func<Task> List(Action<ListTicketsRequest> change) => () =>
    {
        var request = new ListTicketsRequest();
        change(request);
        return _tickets.ListTicketsAsync(request).ResponseAsync;
    };

    private async Task<TicketView> RegisterAsync(string person, TicketKind kind, DateTimeOffset received) =>
        await _tickets.RegisterTicketAsync(new RegisterTicketRequest
        {
            Kind = kind,
            Channel = TicketChannel.Electronic,
            InternalAddressNumber = person,
            RequestText = "問い合わせ",
            ReceivedAt = Timestamp.FromDateTimeOffset(received),
        });

    private async Task<ListTicketsResponse> ListAsync(ListTicketsRequest request) => await _tickets.ListTicketsAsync(request);

    private static List<string> Ids(params TicketView[] tickets) => tickets.Select(t => t.TicketId).ToList();

    private static List<string> Ids(ListTicketsResponse response) => response.Tickets.Select(t => t.TicketId).ToList();

    /// <summary>Every ticket with its steps, as a reader sees them.</summary>
    private async Task<List<TicketView>> Everything()
    {
        var list = await _tickets.ListTicketsAsync(new ListTicketsRequest { PageSize = 1000 });
        var all = new List<TicketView>();
        foreach (var t in list.Tickets) all.Add(await _tickets.GetTicketAsync(new GetTicketRequest { TicketId = t.TicketId }));
        return all;
    }

    private async Task<List<OperationEntry>> OperationsAsync()
    {
        var reader = _gateway.Services.GetRequiredService<IOperationLogReader>();
        var all = new List<OperationEntry>();
        await foreach (var link in reader.ReadAllAsync("node-1", CancellationToken.None))
            if (link.Entry.Rpc.StartsWith("/linkage.v1.Tickets/", StringComparison.Ordinal)) all.Add(link.Entry);
        return all;
    }
}
