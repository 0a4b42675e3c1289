using Linkage.Domain.Codes;

namespace Linkage.Domain.Tickets;

/// <summary>
/// A person's request or enquiry (開示・訂正・削除・利用停止請求, 問合せ) as registered on receipt (受付票): what was asked,
/// how and when it came in, and by whom. Steps are kept apart (<see cref="TicketStep"/>); the ticket carries their count
/// and, once a closing step is written, when and how it ended. The asked text and the requester are personal data:
/// <see cref="ToString"/> leaves them out.
/// </summary>
public sealed record Ticket(
    string TicketId,
    TicketKind Kind,
    TicketChannel Channel,
    TicketRequester Requester,
    InternalAddressNumber? Person,
    string RequestText,
    DateTimeOffset ReceivedAt,
    DateOnly? DueDate,
    string RegisteredBy,
    DateTimeOffset RegisteredAt,
    int StepCount = 0,
    DateTimeOffset? ClosedAt = null,
    TicketOutcome Outcome = TicketOutcome.Unspecified)
{
    public TicketState State => ClosedAt is null ? TicketState.Open : TicketState.Closed;

    /// <summary>Open after its due date has passed in Japan; a ticket without a due date (an enquiry) never is.</summary>
    public bool IsOverdueOn(DateOnly today) => ClosedAt is null && DueDate is { } due && today > due;

    public override string ToString() => $"Ticket {TicketId} ({Kind}, {State})";
}

/// <summary>What the person asks for; the numbers are the contract's.</summary>
public enum TicketKind
{
    Unspecified = 0,
    Disclosure = 1,   // 開示請求
    Correction = 2,   // 訂正請求
    Deletion = 3,     // 削除請求
    Suspension = 4,   // 利用停止 (目的外利用の中止) 請求
    Enquiry = 5,      // 取扱いに関する問合せ
}

/// <summary>How the request reached the municipality.</summary>
public enum TicketChannel
{
    Unspecified = 0,
    Counter = 1,      // 窓口
    Post = 2,         // 郵送
    Electronic = 3,   // 電子申請
}

public enum TicketState
{
    Unspecified = 0,
    Open = 1,
    Closed = 2,
}

/// <summary>How a ticket ended: a decision on a request, an answer to an enquiry, or neither.</summary>
public enum TicketOutcome
{
    Unspecified = 0,
    Granted = 1,        // 開示 / 訂正 / 削除 / 利用停止をする決定
    PartlyGranted = 2,  // 一部開示 etc.
    NotGranted = 3,     // 不開示 / しない旨の決定
    Answered = 4,       // an enquiry answered
    Withdrawn = 5,      // 取下げ
    Transferred = 6,    // 移送 to the body that holds the information
}

public static class TicketRules
{
    public static bool IsKnown(this TicketKind kind) => kind is >= TicketKind.Disclosure and <= TicketKind.Enquiry;

    public static bool IsKnown(this TicketChannel channel) => channel is >= TicketChannel.Counter and <= TicketChannel.Electronic;

    public static bool IsKnown(this TicketState state) => state is TicketState.Open or TicketState.Closed;

    /// <summary>Requests need a decision within the period; an enquiry has no legal deadline.</summary>
    public static bool NeedsDecision(this TicketKind kind) => kind.IsKnown() && kind != TicketKind.Enquiry;

    /// <summary>Whether a ticket of this kind can end so: decisions on requests, an answer to an enquiry, withdrawal or transfer on either.</summary>
    public static bool Ends(this TicketKind kind, TicketOutcome outcome) => outcome switch
    {
        TicketOutcome.Granted or TicketOutcome.PartlyGranted or TicketOutcome.NotGranted => kind.NeedsDecision(),
        TicketOutcome.Answered => kind == TicketKind.Enquiry,
        TicketOutcome.Withdrawn or TicketOutcome.Transferred => kind.IsKnown(),
        _ => false,
    };
}
