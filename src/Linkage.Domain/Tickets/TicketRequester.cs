using Linkage.Domain.Codes;

namespace Linkage.Domain.Tickets;

/// <summary>
/// Who handed the request in: the person, or an agent (a legal representative or someone the person mandated) with
/// the agent's name and relationship to the person as written on the form. Personal data: never logged.
/// </summary>
public sealed record TicketRequester(bool ByAgent, string AgentName, string AgentRelationship) : IPersonalData
{
    public static readonly TicketRequester ThePerson = new(false, "", "");

    public override string ToString() => IPersonalData.Redacted;
}
