using Linkage.Domain.Codes;

namespace Linkage.Domain.Tickets;

/// <summary>
/// One handling step of a ticket: who did what when, and what came of it. A step with an <see cref="Outcome"/>
/// closes the ticket; nothing is added after it. The texts may describe the person's circumstances: never logged.
/// </summary>
/// <param name="Number">1 for the first step of a ticket, and so on; given by the store as it appends.</param>
public sealed record TicketStep(int Number, string StaffId, DateTimeOffset At, string Action, string Result,
    TicketOutcome Outcome = TicketOutcome.Unspecified)
{
    public bool Closes => Outcome != TicketOutcome.Unspecified;

    public override string ToString() => $"Step {Number} by {StaffId}{(Closes ? $", closing {Outcome}" : "")} ({IPersonalData.Redacted})";
}
