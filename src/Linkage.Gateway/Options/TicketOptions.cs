using System.ComponentModel.DataAnnotations;

namespace Linkage.Gateway.Options;

/// <summary>The person's requests as tickets. Bound once from "Tickets" and validated on start.</summary>
public sealed class TicketOptions
{
    public const string Section = "Tickets";

    /// <summary>
    /// Days from the day of receipt for deciding a request: 30 by law (個人情報保護法 第83条), fewer where the municipality's
    /// ordinance says so, never more.
    /// </summary>
    [Range(1, Domain.Tickets.TicketSettings.LegalDecisionDays)] public int DecisionDays { get; set; } = Domain.Tickets.TicketSettings.LegalDecisionDays;
}
