namespace Linkage.Domain.Tickets;

/// <summary>A ticket with its steps, and the day in Japan its overdue state is judged on.</summary>
public sealed record TicketDetail(Ticket Ticket, IReadOnlyList<TicketStep> Steps, DateOnly Today)
{
    public bool Overdue => Ticket.IsOverdueOn(Today);
}

/// <summary>A page of tickets as of <see cref="Today"/>; the token is empty on the last page.</summary>
public sealed record TicketListing(IReadOnlyList<Ticket> Tickets, DateOnly Today, string NextPageToken);

public sealed record TicketCounts(IReadOnlyList<TicketKindCount> ByKind)
{
    public int Open => ByKind.Sum(k => k.Open);

    public int Overdue => ByKind.Sum(k => k.Overdue);
}
