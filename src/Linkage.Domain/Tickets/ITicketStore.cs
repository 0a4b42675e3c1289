using Linkage.Domain.Codes;

namespace Linkage.Domain.Tickets;

/// <summary>Tickets and their steps as stored; each write is one transaction.</summary>
public interface ITicketStore
{
    Task InsertAsync(Ticket ticket, CancellationToken ct);

    Task<Ticket?> FindAsync(string ticketId, CancellationToken ct);

    /// <summary>The steps of a ticket in the order they were added.</summary>
    Task<IReadOnlyList<TicketStep>> StepsAsync(string ticketId, CancellationToken ct);

    /// <summary>
    /// Appends a step to a ticket that is still open, numbered after the last; a closing step closes the ticket in the
    /// same transaction, so that of two steps racing to a ticket nothing follows the one that closed it.
    /// </summary>
    /// <returns>The step with its number, or null when no open ticket has this id (unknown, or closed meanwhile).</returns>
    Task<TicketStep?> AppendStepAsync(string ticketId, TicketStep handling, CancellationToken ct);

    Task<TicketPage> ListAsync(TicketQuery query, CancellationToken ct);

    /// <summary>How many tickets of each kind are open, overdue on <paramref name="today"/>, and closed.</summary>
    Task<IReadOnlyList<TicketKindCount>> CountAsync(DateOnly today, CancellationToken ct);
}

/// <summary>
/// A page of tickets, overdue first (as of <paramref name="Today"/>), then the oldest received first, after
/// <paramref name="After"/>. Unset filters match everything.
/// </summary>
public sealed record TicketQuery(TicketState? State, TicketKind? Kind, bool OverdueOnly, InternalAddressNumber? Person,
    DateOnly Today, TicketCursor? After, int PageSize);

/// <summary>A ticket's place in the list order.</summary>
public sealed record TicketCursor(bool Overdue, DateTimeOffset ReceivedAt, string TicketId);

/// <param name="Last">The place of the page's last ticket when more may follow; null at the end.</param>
public sealed record TicketPage(IReadOnlyList<Ticket> Tickets, TicketCursor? Last);

public sealed record TicketKindCount(TicketKind Kind, int Open, int Overdue, int Closed);
