using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using AdministrationContract = Linkage.Contracts.V1.Administration;
using OperationOutcome = Linkage.Domain.Staff.OperationOutcome;
using TicketsContract = Linkage.Contracts.V1.Tickets;

namespace Linkage.Gateway.Tests;

/// <summary>
/// Tickets through the Tickets service with staff sessions, stored in SQLite: a request from receipt to its closing
/// step, in the operation log by its ticket id and never by what was asked or who asked, sealed at rest, counted in
/// the statistics.
/// </summary>
public sealed class TicketsTests : IAsyncLifetime
{
    private const string Person = "082210000000051";
    private const string Asked = "骨粗しょう症検診結果の提供記録の開示を求める";
    private const string AgentName = "常陸 花子";
    private const string Relationship = "法定代理人（母）";
    private const string Action = "開示決定通知書を郵送";

    private GatewayOnTestServer _gateway = null!;
    private TicketsContract.TicketsClient _reviewer = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayOnTestServer.StartAsync();
        _reviewer = new TicketsContract.TicketsClient(_gateway.Channel(Roles.Reviewer));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task A_request_by_an_agent_is_registered_handled_and_closed_and_then_takes_no_step()
    {
        var received = DateTimeOffset.UtcNow.AddDays(-3);
        var ticket = await _reviewer.RegisterTicketAsync(new RegisterTicketRequest
        {
            Kind = TicketKind.Disclosure,
            Channel = TicketChannel.Post,
            ByAgent = true,
            AgentName = AgentName,
            AgentRelationship = Relationship,
            InternalAddressNumber = Person,
            RequestText = Asked,
            ReceivedAt = Timestamp.FromDateTimeOffset(received),
        });
        var step = await _reviewer.AddTicketStepAsync(new AddTicketStepRequest { TicketId = ticket.TicketId, Action = "健康推進課へ記録を照会" });
        var closed = await _reviewer.AddTicketStepAsync(new AddTicketStepRequest
            { TicketId = ticket.TicketId, Action = Action, Result = "全部開示", Outcome = TicketOutcome.Granted });
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            _reviewer.AddTicketStepAsync(new AddTicketStepRequest { TicketId = ticket.TicketId, Action = "追記" }).ResponseAsync);
        var read = await _reviewer.GetTicketAsync(new GetTicketRequest { TicketId = ticket.TicketId });

        Assert.Matches("^tk-[a-z2-9]{12}$", ticket.TicketId);
        Assert.Equal((TicketState.Open, false, 0), (ticket.State, ticket.Overdue, ticket.StepCount));
        Assert.Equal(JapanDay(received.AddDays(30)), ticket.DueDate);
        Assert.Equal((true, AgentName, Relationship, Asked), (ticket.ByAgent, ticket.AgentName, ticket.AgentRelationship, ticket.RequestText));
        Assert.Equal((1, TicketOutcome.Unspecified), (Assert.Single(step.Steps).Number, step.Steps[0].Outcome));
        Assert.Equal((TicketState.Closed, TicketOutcome.Granted, 2), (closed.State, closed.Outcome, closed.StepCount));
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal((StatusCode.FailedPrecondition, "TICKET_CLOSED"), (refused.StatusCode, refused.Reason()));
        Assert.Equal(closed, read);
        Assert.Equal((Action, "全部開示", ticket.RegisteredBy), (read.Steps[1].Action, read.Steps[1].Result, read.Steps[1].StaffId));
        Assert.Equal(received.ToUnixTimeMilliseconds(), read.ReceivedAt.ToDateTimeOffset().ToUnixTimeMilliseconds());
    }

    [Fact(Timeout = 60_000)]
    public async Task Every_ticket_call_is_in_the_operation_log_by_ticket_and_person_and_what_was_asked_is_in_no_log()
    {
        var ticket = await RegisterAsync(Person, TicketKind.Correction, byAgent: true);
        await _reviewer.AddTicketStepAsync(new AddTicketStepRequest { TicketId = ticket.TicketId, Action = Action, Outcome = TicketOutcome.NotGranted });
        await _reviewer.GetTicketAsync(new GetTicketRequest { TicketId = ticket.TicketId });
        await _reviewer.ListTicketsAsync(new ListTicketsRequest());
        await Assert.ThrowsAsync<RpcException>(() => _reviewer.AddTicketStepAsync(new AddTicketStepRequest
            { TicketId = ticket.TicketId, Action = Action }).ResponseAsync);

        var log = await OperationsAsync();
        Assert.Contains(log, o => o is { Rpc: "/linkage.v1.Tickets/RegisterTicket", Outcome: OperationOutcome.Done }
            && o.Target == $"ticket:{ticket.TicketId} person:{Person} kind:Correction");
        Assert.Contains(log, o => o is { Rpc: "/linkage.v1.Tickets/AddTicketStep", Outcome: OperationOutcome.Done }
            && o.Target == $"ticket:{ticket.TicketId} closes:NotGranted");
        Assert.Contains(log, o => o is { Rpc: "/linkage.v1.Tickets/GetTicket", Outcome: OperationOutcome.Done }
            && o.Target == $"ticket:{ticket.TicketId} person:{Person}");
        Assert.Contains(log, o => o is { Rpc: "/linkage.v1.Tickets/ListTickets", Outcome: OperationOutcome.Done }
            && o.Target == $"tickets:{ticket.TicketId}");
        Assert.Contains(log, o => o is { Rpc: "/linkage.v1.Tickets/AddTicketStep", Outcome: OperationOutcome.Refused, Reason: "TICKET_CLOSED" }
            && o.Target == $"ticket:{ticket.TicketId}");
        var logged = string.Join('\n', log.Select(o => $"{o.Target} {o.Reason}")) + _gateway.Logs.AllText();
        foreach (var personal in new[] { Asked, AgentName, Relationship, Action })
            Assert.DoesNotContain(personal, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(Person, _gateway.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task What_was_asked_who_asked_and_what_was_done_are_stored_as_ciphertext_only()
    {
        var ticket = await RegisterAsync(Person, TicketKind.Deletion, byAgent: true);
        await _reviewer.AddTicketStepAsync(new AddTicketStepRequest { TicketId = ticket.TicketId, Action = Action });

        var stored = new StringBuilder();
        await using (var connection = _gateway.ConnectToDatabase())
        {
            foreach (var table in new[] { "Tickets", "TicketSteps" })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"""SELECT * FROM "{table}" """;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    for (var i = 0; i < reader.FieldCount; i++)
                        stored.Append(reader.GetValue(i) is byte[] bytes ? Encoding.UTF8.GetString(bytes) : reader.GetValue(i)).Append('|');
            }
        }

        Assert.Contains(ticket.TicketId, stored.ToString(), StringComparison.Ordinal);
        foreach (var personal in new[] { Asked, AgentName, Relationship, Action })
            Assert.DoesNotContain(personal, stored.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Statistics_count_open_overdue_and_each_kind()
    {
        await RegisterAsync(Person, TicketKind.Disclosure, received: DateTimeOffset.UtcNow.AddDays(-45));
        await RegisterAsync(Person, TicketKind.Disclosure);
        var enquiry = await RegisterAsync("", TicketKind.Enquiry, received: DateTimeOffset.UtcNow.AddDays(-45));
        await _reviewer.AddTicketStepAsync(new AddTicketStepRequest { TicketId = enquiry.TicketId, Action = "電話で回答", Outcome = TicketOutcome.Answered });

        var statistics = (await new AdministrationContract.AdministrationClient(_gateway.Channel(Roles.Administrator))
            .GetStatisticsAsync(new GetStatisticsRequest())).Tickets;

        Assert.Equal((2, 1), (statistics.Open, statistics.Overdue));
        Assert.Equal(5, statistics.ByKind.Count);
        Assert.Equal(new TicketKindCount { Kind = TicketKind.Disclosure, Open = 2, Overdue = 1 }, statistics.ByKind.Single(k => k.Kind == TicketKind.Disclosure));
        Assert.Equal(new TicketKindCount { Kind = TicketKind.Enquiry, Closed = 1 }, statistics.ByKind.Single(k => k.Kind == TicketKind.Enquiry));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_auditor_reads_tickets_but_registers_none()
    {
        var ticket = await RegisterAsync(Person, TicketKind.Suspension);
        var auditor = new TicketsContract.TicketsClient(_gateway.Channel(Roles.Auditor));

        var read = await auditor.GetTicketAsync(new GetTicketRequest { TicketId = ticket.TicketId });
        var refused = await Assert.ThrowsAsync<RpcException>(() => auditor.RegisterTicketAsync(new RegisterTicketRequest
            { Kind = TicketKind.Enquiry, Channel = TicketChannel.Counter, RequestText = "x" }).ResponseAsync);

        Assert.Equal(ticket, read);
        Assert.Equal((StatusCode.PermissionDenied, "PEER_NOT_AUTHORIZED"), (refused.StatusCode, refused.Reason()));
        Assert.Single((await auditor.ListTicketsAsync(new ListTicketsRequest())).Tickets);
    }

    private async Task<TicketView> RegisterAsync(string person, TicketKind kind, bool byAgent = false, DateTimeOffset? received = null) =>
        await _reviewer.RegisterTicketAsync(new RegisterTicketRequest
        {
            Kind = kind,
            Channel = TicketChannel.Counter,
            ByAgent = byAgent,
            AgentName = byAgent ? AgentName : "",
            AgentRelationship = byAgent ? Relationship : "",
            InternalAddressNumber = person,
            RequestText = Asked,
            ReceivedAt = received is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        });

    private static string JapanDay(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<OperationEntry>> OperationsAsync()
    {
        var reader = _gateway.Services.GetRequiredService<IOperationLogReader>();
        var all = new List<OperationEntry>();
        await foreach (var link in reader.ReadAllAsync("node-1", CancellationToken.None))
            if (link.Entry.Rpc.StartsWith("/linkage.v1.Tickets/", StringComparison.Ordinal)) all.Add(link.Entry);
        return all;
    }
}
