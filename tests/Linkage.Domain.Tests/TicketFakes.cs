using Linkage.Domain.Tickets;

namespace Linkage.Domain.Tests;

/// <summary>
/// Tickets kept in lists, ordered as the SQLite store orders them. A closing step can be slipped in just before the
/// next append (another staff member closing the ticket at the same moment).
/// </summary>
internal sealed class FakeTicketStore : ITicketStore
{
    public List<Ticket> Tickets { get; } = [];
    public List<(string TicketId, TicketStep Step)> Steps { get; } = [];

    /// <summary>When set, the next append finds the ticket closed by someone else first.</summary>
    public bool ClosedByOtherFirst { get; set; }

    public Task InsertAsync(Ticket ticket, CancellationToken ct)
    {
        Tickets.Add(ticket);
        return Task.CompletedTask;
    }

    public Task<Ticket?> FindAsync(string ticketId, CancellationToken ct) => Task.FromResult(Tickets.Find(t => t.TicketId == ticketId));

    public Task<IReadOnlyList<TicketStep>> StepsAsync(string ticketId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<TicketStep>>(Steps.Where(s => s.TicketId == ticketId).Select(s => s.Step).ToList());

    public Task<TicketStep?> AppendStepAsync(string ticketId, TicketStep handling, CancellationToken ct)
    {
        var i = Tickets.FindIndex(t => t.TicketId == ticketId);
        if (ClosedByOtherFirst)
        {
            ClosedByOtherFirst = false;
            Tickets[i] = Tickets[i] with { ClosedAt = handling.At, Outcome = TicketOutcome.Withdrawn };
        }
        if (i < 0 || Tickets[i].ClosedAt is not null) return Task.FromResult<TicketStep?>(null);
        var numbered = handling with { Number = Tickets[i].StepCount + 1 };
        Tickets[i] = Tickets[i] with
        {
            StepCount = numbered.Number,
            ClosedAt = numbered.Closes ? numbered.At : null,
            Outcome = numbered.Outcome,
        };
        Steps.Add((ticketId, numbered));
        return Task.FromResult<TicketStep?>(numbered);
    }

    public TicketQuery? LastQuery { get; private set; }

    public Task<TicketPage> ListAsync(TicketQuery query, CancellationToken ct)
    {
        LastQuery = query;
        var ordered = Tickets.Select(t => new TicketCursor(t.IsOverdueOn(query.Today), t.ReceivedAt, t.TicketId))
            .OrderByDescending(c => c.Overdue).ThenBy(c => c.ReceivedAt).ThenBy(c => c.TicketId, StringComparer.Ordinal).ToList();
        var start = query.After is null ? 0 : ordered.FindIndex(c => c == query.After) + 1;
        var page = ordered.Skip(start).Select(c => Tickets.Single(t => t.TicketId == c.TicketId))
            .Where(t => (query.State is null || t.State == query.State) && (query.Kind is null || t.Kind == query.Kind)
                && (!query.OverdueOnly || t.IsOverdueOn(query.Today)) && (query.Person is null || t.Person == query.Person))
            .Take(query.PageSize + 1).ToList();
        var more = page.Count > query.PageSize;
        if (more) page.RemoveAt(page.Count - 1);
        return Task.FromResult(new TicketPage(page, more ? new TicketCursor(page[^1].IsOverdueOn(query.Today), page[^1].ReceivedAt,
            page[^1].TicketId) : null));
    }

    public Task<IReadOnlyList<TicketKindCount>> CountAsync(DateOnly today, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<TicketKindCount>>(Tickets.GroupBy(t => t.Kind).Select(g => new TicketKindCount(g.Key,
            g.Count(t => t.ClosedAt is null), g.Count(t => t.IsOverdueOn(today)), g.Count(t => t.ClosedAt is not null))).ToList());
}
