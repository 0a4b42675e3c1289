using Linkage.Domain.Errors;
using Linkage.Domain.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Domain.Tests;

/// <summary>
/// The person's requests as tickets: the 30-day due date counted in Japan's calendar, overdue tickets, steps and the
/// closing step after which nothing follows, and the refusals that leave the store as it was.
/// </summary>
public sealed class TicketDeskTests
{
    private const string Staff = "staff-0005";
    private static readonly TicketRequester Agent = new(true, "山田 花子", "法定代理人（母）");

    private readonly FakeTimeProvider _clock = new(Seed.Now);
    private readonly FakeTicketStore _store = new();
    private readonly TicketDesk _desk;

    public TicketDeskTests() => _desk = new TicketDesk(_store, TicketSettings.Default, _clock);

    private static TicketDesk.Draft Draft(TicketKind kind = TicketKind.Disclosure, TicketChannel channel = TicketChannel.Counter,
        TicketRequester? requester = null, string person = Seed.PersonNumber, string text = "骨粗しょう症検診の提供記録の開示",
        DateTimeOffset? receivedAt = null) => new(kind, channel, requester ?? TicketRequester.ThePerson, person, text, receivedAt);

    private async Task<Ticket> RegisterAsync(TicketDesk.Draft draft) => (await _desk.RegisterAsync(draft, Staff, CancellationToken.None)).Ticket;

    private Task<TicketDetail> StepAsync(string ticketId, string action = "請求書の記載を確認", string result = "",
        TicketOutcome outcome = TicketOutcome.Unspecified, DateTimeOffset? at = null) =>
        _desk.AddStepAsync(ticketId, new TicketDesk.StepDraft(action, result, outcome, at), Staff, CancellationToken.None);

    [Fact]
    public async Task A_request_is_registered_open_with_its_receipt_and_due_thirty_days_after_the_day_of_receipt()
    {
        var detail = await _desk.RegisterAsync(Draft(requester: Agent, receivedAt: Seed.Now.AddDays(-2)), Staff, CancellationToken.None);
        var ticket = detail.Ticket;

        Assert.Matches("^tk-[a-z2-9]{12}$", ticket.TicketId);
        Assert.Equal((TicketKind.Disclosure, TicketChannel.Counter, TicketState.Open), (ticket.Kind, ticket.Channel, ticket.State));
        Assert.Equal((Seed.Now.AddDays(-2), new DateOnly(2025, 7, 29)), (ticket.ReceivedAt, ticket.DueDate));
        Assert.Equal((Staff, Seed.Now, Agent), (ticket.RegisteredBy, ticket.RegisteredAt, ticket.Requester));
        Assert.Equal(Seed.Person, ticket.Person);
        Assert.Equal(ticket, Assert.Single(_store.Tickets));
        Assert.Empty(detail.Steps);
        Assert.False(detail.Overdue);
    }

    [Theory]
    [InlineData("2025-06-30T14:59:59Z", "2025-07-30")] // 23:59:59 on 30 June in Japan
    [InlineData("2025-06-30T15:00:00Z", "2025-07-31")] // midnight on 1 July in Japan
    [InlineData("2025-01-31T03:00:00Z", "2025-03-02")] // past the end of a short month
    public async Task The_due_date_counts_thirty_days_from_the_day_of_receipt_in_Japan(string received, string due)
    {
        var ticket = await RegisterAsync(Draft(kind: TicketKind.Suspension, channel: TicketChannel.Post, receivedAt: DateTimeOffset.Parse(received,
            System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), ticket.DueDate);
    }

    [Fact]
    public async Task An_ordinance_may_shorten_the_period_and_an_enquiry_has_no_due_date_and_may_name_nobody()
    {
        var shorter = new TicketDesk(_store, new TicketSettings(15), _clock);
        var correction = (await shorter.RegisterAsync(Draft(kind: TicketKind.Correction), Staff, CancellationToken.None)).Ticket;
        var enquiry = await RegisterAsync(Draft(kind: TicketKind.Enquiry, channel: TicketChannel.Electronic, person: "", text: "照会の記録はいつまで保存されるか"));

        Assert.Equal(new DateOnly(2025, 7, 16), correction.DueDate);
        Assert.Null(enquiry.DueDate);
        Assert.Null(enquiry.Person);
        _clock.Advance(TimeSpan.FromDays(400));
        Assert.False(enquiry.IsOverdueOn(JapanDate.Of(_clock.GetUtcNow())));
    }

    [Fact]
    public async Task An_open_request_is_overdue_from_the_day_after_its_due_date_in_Japan_until_closed()
    {
        var ticket = await RegisterAsync(Draft()); // due 31 July
        var lastMomentOfDueDay = new DateTimeOffset(2025, 7, 31, 14, 59, 59, TimeSpan.Zero);

        _clock.SetUtcNow(lastMomentOfDueDay);
        Assert.False((await _desk.GetAsync(ticket.TicketId, CancellationToken.None)).Overdue);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await _desk.GetAsync(ticket.TicketId, CancellationToken.None)).Overdue);
        Assert.Equal((1, 1), ((await _desk.CountAsync(CancellationToken.None)).Open, (await _desk.CountAsync(CancellationToken.None)).Overdue));

        var closed = await StepAsync(ticket.TicketId, "開示決定通知書を送付", "全部開示", TicketOutcome.Granted);
        Assert.False(closed.Overdue);
        Assert.Equal(TicketState.Closed, closed.Ticket.State);
        // A closed ticket says so first, whatever else is wrong with the step.
        var afterClosing = await Assert.ThrowsAsync<DomainException>(() => StepAsync(ticket.TicketId, action: ""));
        Assert.Equal(ErrorReasons.TicketClosed, afterClosing.Reason);
    }

    [Fact]
    public async Task Steps_are_numbered_with_staff_and_time_and_the_closing_step_ends_the_ticket()
    {
        var ticket = await RegisterAsync(Draft(kind: TicketKind.Deletion, receivedAt: Seed.Now.AddHours(-1)));
        await StepAsync(ticket.TicketId, "健康推進課へ照会", at: Seed.Now.AddMinutes(-10));
        _clock.Advance(TimeSpan.FromDays(3));
        var closed = await StepAsync(ticket.TicketId, "削除決定通知書を送付", "削除した", TicketOutcome.Granted);

        Assert.Equal([1, 2], closed.Steps.Select(s => s.Number));
        Assert.Equal((Staff, Seed.Now.AddMinutes(-10), "健康推進課へ照会", false), (closed.Steps[0].StaffId, closed.Steps[0].At, closed.Steps[0].Action,
            closed.Steps[0].Closes));
        Assert.Equal(("削除した", TicketOutcome.Granted, true), (closed.Steps[1].Result, closed.Steps[1].Outcome, closed.Steps[1].Closes));
        Assert.Equal((TicketState.Closed, (DateTimeOffset?)Seed.Now.AddDays(3), TicketOutcome.Granted, 2),
            (closed.Ticket.State, closed.Ticket.ClosedAt, closed.Ticket.Outcome, closed.Ticket.StepCount));
    }

    [Fact]
    public async Task A_step_on_a_closed_ticket_is_refused_and_changes_nothing()
    {
        var ticket = await RegisterAsync(Draft(kind: TicketKind.Enquiry, person: ""));
        await StepAsync(ticket.TicketId, "電話で回答", "回答済み", TicketOutcome.Answered);
        var tickets = _store.Tickets.ToList();
        var steps = _store.Steps.ToList();

        var step = await Assert.ThrowsAsync<DomainException>(() => StepAsync(ticket.TicketId));
        var close = await Assert.ThrowsAsync<DomainException>(() => StepAsync(ticket.TicketId, "再回答", "", TicketOutcome.Answered));

        Assert.Equal((ErrorKind.FailedPrecondition, ErrorReasons.TicketClosed), (step.Kind, step.Reason));
        Assert.Equal((ErrorKind.FailedPrecondition, ErrorReasons.TicketClosed), (close.Kind, close.Reason));
        Assert.Equal(tickets, _store.Tickets);
        Assert.Equal(steps, _store.Steps);
    }

    [Fact]
    public async Task A_step_that_loses_the_race_to_a_closing_step_is_refused_as_closed()
    {
        var ticket = await RegisterAsync(Draft());
        _store.ClosedByOtherFirst = true;

        var error = await Assert.ThrowsAsync<DomainException>(() => StepAsync(ticket.TicketId));

        Assert.Equal(ErrorReasons.TicketClosed, error.Reason);
        Assert.Empty(_store.Steps);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tk-unknown00000")]
    [InlineData("tk-0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task An_unknown_ticket_is_not_found(string ticketId)
    {
        await RegisterAsync(Draft());

        var get = await Assert.ThrowsAsync<DomainException>(() => _desk.GetAsync(ticketId, CancellationToken.None));
        var step = await Assert.ThrowsAsync<DomainException>(() => StepAsync(ticketId));

        Assert.Equal((ErrorKind.NotFound, ErrorReasons.TicketNotFound), (get.Kind, get.Reason));
        Assert.Equal((ErrorKind.NotFound, ErrorReasons.TicketNotFound), (step.Kind, step.Reason));
        Assert.Empty(_store.Steps);
    }

    public static TheoryData<TicketDesk.Draft, string, string> RefusedDrafts => new()
    {
        { Draft(kind: TicketKind.Unspecified), "kind", ErrorReasons.InvalidArgument },
        { Draft(kind: (TicketKind)9), "kind", ErrorReasons.InvalidArgument },
        { Draft(channel: TicketChannel.Unspecified), "channel", ErrorReasons.InvalidArgument },
        { Draft(channel: (TicketChannel)4), "channel", ErrorReasons.InvalidArgument },
        { Draft(person: ""), "internal_address_number", ErrorReasons.MissingField },
        { Draft(kind: TicketKind.Enquiry, person: "08221000000000X"), "internal_address_number", ErrorReasons.MalformedCode },
        { Draft(text: " "), "request_text", ErrorReasons.MissingField },
        { Draft(text: new string('あ', 2001)), "request_text", ErrorReasons.ValueTooLong },
        { Draft(requester: new TicketRequester(true, "", "母")), "agent_name", ErrorReasons.MissingField },
        { Draft(requester: new TicketRequester(true, "山田 花子", " ")), "agent_relationship", ErrorReasons.MissingField },
        { Draft(requester: new TicketRequester(true, new string('a', 101), "母")), "agent_name", ErrorReasons.ValueTooLong },
        { Draft(requester: new TicketRequester(false, "山田 花子", "")), "agent_name", ErrorReasons.InvalidArgument },
        { Draft(requester: new TicketRequester(false, "", "母")), "agent_relationship", ErrorReasons.InvalidArgument },
        { Draft(receivedAt: Seed.Now.AddSeconds(1)), "received_at", ErrorReasons.InvalidArgument },
    };

    [Theory]
    [MemberData(nameof(RefusedDrafts))]
    public async Task A_bad_registration_is_refused_with_its_field_and_reason_and_nothing_is_stored(TicketDesk.Draft draft, string field, string reason)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => RegisterAsync(draft));

        Assert.Equal((ErrorKind.InvalidArgument, reason, field), (error.Kind, error.Reason, Assert.Single(error.Violations).Field));
        Assert.Empty(_store.Tickets);
    }

    [Theory]
    [InlineData(TicketKind.Disclosure, TicketOutcome.Answered, "", 0, "outcome")]
    [InlineData(TicketKind.Enquiry, TicketOutcome.Granted, "", 0, "outcome")]
    [InlineData(TicketKind.Enquiry, TicketOutcome.NotGranted, "", 0, "outcome")]
    [InlineData(TicketKind.Disclosure, (TicketOutcome)7, "", 0, "outcome")]
    [InlineData(TicketKind.Disclosure, TicketOutcome.Unspecified, " ", 0, "action")]
    [InlineData(TicketKind.Disclosure, TicketOutcome.Unspecified, "x", 1, "at")]
    [InlineData(TicketKind.Disclosure, TicketOutcome.Unspecified, "x", -61, "at")]
    public async Task A_bad_step_is_refused_with_its_field_and_the_ticket_stays_as_it_was(TicketKind kind, TicketOutcome outcome, string action,
        int minutesFromNow, string field)
    {
        var ticket = await RegisterAsync(Draft(kind: kind, receivedAt: Seed.Now.AddHours(-1)));

        var error = await Assert.ThrowsAsync<DomainException>(() => StepAsync(ticket.TicketId, action, "", outcome,
            minutesFromNow == 0 ? null : Seed.Now.AddMinutes(minutesFromNow)));

        Assert.Equal((ErrorKind.InvalidArgument, field), (error.Kind, Assert.Single(error.Violations).Field));
        Assert.Equal(ticket, Assert.Single(_store.Tickets));
        Assert.Empty(_store.Steps);
    }

    [Fact]
    public async Task A_too_long_result_is_refused()
    {
        var ticket = await RegisterAsync(Draft());

        var error = await Assert.ThrowsAsync<DomainException>(() => StepAsync(ticket.TicketId, result: new string('x', 2001)));

        Assert.Equal((ErrorReasons.ValueTooLong, "result"), (error.Reason, Assert.Single(error.Violations).Field));
    }

    [Fact]
    public async Task Every_page_of_a_listing_is_as_of_the_day_of_its_first_page()
    {
        var older = await RegisterAsync(Draft(receivedAt: Seed.Now.AddDays(-1)));  // due 30 July
        var newer = await RegisterAsync(Draft());                                  // due 31 July
        _clock.SetUtcNow(new DateTimeOffset(2025, 7, 30, 12, 0, 0, TimeSpan.Zero)); // 30 July in Japan: nothing overdue yet

        var first = await _desk.ListAsync(TicketState.Unspecified, TicketKind.Unspecified, false, "", 1, "", CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(1)); // the older falls due between the pages
        var second = await _desk.ListAsync(TicketState.Unspecified, TicketKind.Unspecified, false, "", 1, first.NextPageToken, CancellationToken.None);
        var fresh = await _desk.ListAsync(TicketState.Open, TicketKind.Unspecified, true, "", 0, "", CancellationToken.None);

        Assert.Equal([older.TicketId, newer.TicketId], first.Tickets.Concat(second.Tickets).Select(t => t.TicketId));
        Assert.Equal((new DateOnly(2025, 7, 30), new DateOnly(2025, 7, 30)), (first.Today, second.Today));
        Assert.Equal("", second.NextPageToken);
        Assert.Equal(older.TicketId, Assert.Single(fresh.Tickets).TicketId);
        Assert.Equal((TicketState.Open, true, 100), (_store.LastQuery!.State, _store.LastQuery.OverdueOnly, _store.LastQuery.PageSize));
    }

    [Theory]
    [InlineData(9, 0, "", 0, "", "state")]
    [InlineData(0, 6, "", 0, "", "kind")]
    [InlineData(0, 0, "12345", 0, "", "internal_address_number")]
    [InlineData(0, 0, "", -1, "", "page_size")]
    [InlineData(0, 0, "", 1001, "", "page_size")]
    [InlineData(0, 0, "", 10, "abc", "page_token")]
    [InlineData(0, 0, "", 10, "MjAyNS0wNy0zMHwyfDB8dGstYQ==", "page_token")] // "2025-07-30|2|0|tk-a": no such overdue mark
    public async Task A_listing_outside_its_bounds_is_refused_with_the_field(int state, int kind, string person, int pageSize, string token,
        string field)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            _desk.ListAsync((TicketState)state, (TicketKind)kind, false, person, pageSize, token, CancellationToken.None));

        Assert.Equal((ErrorKind.InvalidArgument, field), (error.Kind, Assert.Single(error.Violations).Field));
        Assert.Null(_store.LastQuery);
    }

    [Fact]
    public async Task Counts_name_every_kind_with_its_open_overdue_and_closed()
    {
        var closed = await RegisterAsync(Draft(kind: TicketKind.Enquiry, person: ""));
        await StepAsync(closed.TicketId, "回答", "", TicketOutcome.Answered);
        await RegisterAsync(Draft(receivedAt: Seed.Now.AddDays(-40)));
        await RegisterAsync(Draft());

        var counts = await _desk.CountAsync(CancellationToken.None);

        Assert.Equal(5, counts.ByKind.Count);
        Assert.Equal(new TicketKindCount(TicketKind.Disclosure, 2, 1, 0), counts.ByKind.Single(k => k.Kind == TicketKind.Disclosure));
        Assert.Equal(new TicketKindCount(TicketKind.Enquiry, 0, 0, 1), counts.ByKind.Single(k => k.Kind == TicketKind.Enquiry));
        Assert.Equal(new TicketKindCount(TicketKind.Correction, 0, 0, 0), counts.ByKind.Single(k => k.Kind == TicketKind.Correction));
        Assert.Equal((2, 1), (counts.Open, counts.Overdue));
    }

    [Fact]
    public async Task What_was_asked_and_who_asked_never_show_in_a_ticket_or_step_as_text()
    {
        var ticket = await RegisterAsync(Draft(requester: Agent));
        var detail = await StepAsync(ticket.TicketId, "代理人に電話", "書類不備を連絡");

        var printed = $"{ticket} {ticket.Requester} {detail.Steps[0]} {detail}";

        foreach (var secret in new[] { "山田", "法定代理人", "骨粗しょう症", "代理人に電話", "書類不備", Seed.PersonNumber })
            Assert.DoesNotContain(secret, printed, StringComparison.Ordinal);
        Assert.Contains(ticket.TicketId, printed, StringComparison.Ordinal);
    }
}
