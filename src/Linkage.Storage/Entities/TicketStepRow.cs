namespace Linkage.Storage.Entities;

/// <summary>One handling step of a ticket; its action and result texts are sealed like the ticket's (they may describe the person).</summary>
public sealed class TicketStepRow
{
    public required string TicketId { get; set; }
    public int Number { get; set; }
    public required string StaffId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Zero unless this step closed the ticket.</summary>
    public int Outcome { get; set; }
    public required string KeyId { get; set; }
    public required byte[] SealedText { get; set; }
}
