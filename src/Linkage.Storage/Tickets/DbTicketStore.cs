using Linkage.Domain.Codes;
using Linkage.Domain.Tickets;
using Linkage.Storage.Database;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Tickets;

public sealed class DbTicketStore(IDbContextFactory<LinkageDbContext> contexts, TicketTextCodec texts) : ITicketStore
{
    public async Task InsertAsync(Ticket ticket, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Tickets.Add(new TicketRow
        {
            TicketId = ticket.TicketId,
            Kind = (int)ticket.Kind,
            Channel = (int)ticket.Channel,
            ByAgent = ticket.Requester.ByAgent,
            InternalAddressNumber = ticket.Person?.Value,
            ReceivedAt = ticket.ReceivedAt,
            DueDate = ticket.DueDate,
            RegisteredBy = ticket.RegisteredBy,
            RegisteredAt = ticket.RegisteredAt,
            StepCount = ticket.StepCount,
            ClosedAt = ticket.ClosedAt,
            Outcome = (int)ticket.Outcome,
            KeyId = texts.KeyId,
            SealedText = texts.SealTicket(ticket.TicketId, ticket.RequestText, ticket.Requester.AgentName, ticket.Requester.AgentRelationship),
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<Ticket?> FindAsync(string ticketId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.TicketId == ticketId, ct);
        return row is null ? null : ToDomain(row);
    }

    public async Task<IReadOnlyList<TicketStep>> StepsAsync(string ticketId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.TicketSteps.AsNoTracking().Where(s => s.TicketId == ticketId).OrderBy(s => s.Number).ToListAsync(ct);
        return rows.Select(ToDomain).ToList();
    }

    public async Task<TicketStep?> AppendStepAsync(string ticketId, TicketStep handling, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The condition on ClosedAt decides between two steps racing to one ticket: after a closing step, nothing changes the row.
        var open = db.Tickets.Where(t => t.TicketId == ticketId && t.ClosedAt == null);
        var changed = handling.Closes
            ? await open.ExecuteUpdateAsync(set => set.SetProperty(t => t.StepCount, t => t.StepCount + 1)
                .SetProperty(t => t.ClosedAt, handling.At).SetProperty(t => t.Outcome, (int)handling.Outcome), ct)
            : await open.ExecuteUpdateAsync(set => set.SetProperty(t => t.StepCount, t => t.StepCount + 1), ct);
        if (changed == 0) return null;
        // The write above holds the database's write lock until the commit: the count read is this step's number.
        var number = await db.Tickets.Where(t => t.TicketId == ticketId).Select(t => t.StepCount).SingleAsync(ct);
        db.TicketSteps.Add(new TicketStepRow
        {
            TicketId = ticketId,
            Number = number,
            StaffId = handling.StaffId,
            At = handling.At,
            Outcome = (int)handling.Outcome,
            KeyId = texts.KeyId,
            SealedText = texts.SealStep(ticketId, number, handling.Action, handling.Result),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return handling with { Number = number };
    }

    public async Task<TicketPage> ListAsync(TicketQuery query, CancellationToken ct)
    {
        var today = query.Today;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.Tickets.AsNoTracking();
        if (query.State == TicketState.Open) rows = rows.Where(t => t.ClosedAt == null);
        if (query.State == TicketState.Closed) rows = rows.Where(t => t.ClosedAt != null);
        if (query.Kind is { } kind) rows = rows.Where(t => t.Kind == (int)kind);
        if (query.Person is { } person) rows = rows.Where(t => t.InternalAddressNumber == person.Value);
        // Overdue spelled out in each place: "DueDate IS NOT NULL" keeps an enquiry's comparison false rather than NULL,
        // which would sort and compare as a third value.
        if (query.OverdueOnly) rows = rows.Where(t => t.ClosedAt == null && t.DueDate != null && t.DueDate < today);
        if (query.After is { } after)
            rows = rows.Where(t => (after.Overdue && !(t.ClosedAt == null && t.DueDate != null && t.DueDate < today))
                || ((t.ClosedAt == null && t.DueDate != null && t.DueDate < today) == after.Overdue
                    && (t.ReceivedAt > after.ReceivedAt || (t.ReceivedAt == after.ReceivedAt && string.Compare(t.TicketId, after.TicketId) > 0))));
        // One more than a page says whether another page follows, without a count.
        var page = await rows.OrderByDescending(t => t.ClosedAt == null && t.DueDate != null && t.DueDate < today)
            .ThenBy(t => t.ReceivedAt).ThenBy(t => t.TicketId).Take(query.PageSize + 1).ToListAsync(ct);
        var tickets = page.Take(query.PageSize).Select(ToDomain).ToList();
        var last = page.Count > query.PageSize ? tickets[^1] : null;
        return new TicketPage(tickets, last is null ? null : new TicketCursor(last.IsOverdueOn(today), last.ReceivedAt, last.TicketId));
    }

    public async Task<IReadOnlyList<TicketKindCount>> CountAsync(DateOnly today, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var counts = await db.Tickets.GroupBy(t => t.Kind).Select(g => new
        {
            Kind = g.Key,
            Open = g.Count(t => t.ClosedAt == null),
            Overdue = g.Count(t => t.ClosedAt == null && t.DueDate != null && t.DueDate < today),
            Closed = g.Count(t => t.ClosedAt != null),
        }).ToListAsync(ct);
        return counts.Select(c => new TicketKindCount((TicketKind)c.Kind, c.Open, c.Overdue, c.Closed)).ToList();
    }

    private Ticket ToDomain(TicketRow row)
    {
        var text = texts.OpenTicket(row.TicketId, row.KeyId, row.SealedText);
        return new Ticket(row.TicketId, (TicketKind)row.Kind, (TicketChannel)row.Channel,
            row.ByAgent ? new TicketRequester(true, text[1], text[2]) : TicketRequester.ThePerson,
            row.InternalAddressNumber is { } person ? InternalAddressNumber.Parse(person) : null, text[0], row.ReceivedAt, row.DueDate,
            row.RegisteredBy, row.RegisteredAt, row.StepCount, row.ClosedAt, (TicketOutcome)row.Outcome);
    }

    private TicketStep ToDomain(TicketStepRow row)
    {
        var text = texts.OpenStep(row.TicketId, row.Number, row.KeyId, row.SealedText);
        return new TicketStep(row.Number, row.StaffId, row.At, text[0], text[1], (TicketOutcome)row.Outcome);
    }
}
