namespace Linkage.Storage.Entities;

/// <summary>
/// A ticket as stored. What was asked and the agent's name and relationship are personal data: they are kept only in
/// <see cref="SealedText"/>, encrypted under the institution's key named by <see cref="KeyId"/>.
/// </summary>
public sealed class TicketRow
{
    public required string TicketId { get; set; }
    public int Kind { get; set; }
    public int Channel { get; set; }
    public bool ByAgent { get; set; }

    /// <summary>Null: a general enquiry that names nobody.</summary>
    public string? InternalAddressNumber { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The last day for the decision (in Japan); null for an enquiry.</summary>
    public DateOnly? DueDate { get; set; }
    public required string RegisteredBy { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>How many steps the ticket has; the next step's number is one more.</summary>
    public int StepCount { get; set; }

    /// <summary>Null while the ticket is open.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public int Outcome { get; set; }
    public required string KeyId { get; set; }
    public required byte[] SealedText { get; set; }
}
