namespace Linkage.Domain.Tickets;

/// <summary>
/// The period for deciding a request: 30 days from the day it was received (個人情報保護法 第83条第1項 for disclosure,
/// likewise 第94条 for correction and deletion and 第102条 for suspension of use, applied to 特定個人情報 by 番号法 第30条).
/// A municipality's ordinance may shorten it, never lengthen it. The day of receipt is not counted (民法 第140条), so a
/// request received on 1 April is due on 1 May.
/// </summary>
public sealed record TicketSettings(int DecisionDays)
{
    public const int LegalDecisionDays = 30;

    public static readonly TicketSettings Default = new(LegalDecisionDays);

    public DateOnly? DueDate(TicketKind kind, DateTimeOffset receivedAt) =>
        kind.NeedsDecision() ? JapanDate.Of(receivedAt).AddDays(DecisionDays) : null;
}
