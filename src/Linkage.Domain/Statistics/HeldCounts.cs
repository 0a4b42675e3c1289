namespace Linkage.Domain.Statistics;

/// <summary>
/// Held responses not yet decided, at one moment: all of them (<see cref="Waiting"/>, for a first or a second
/// approval), those the escalation job escalated, and those past their deadline whether escalated yet or not.
/// </summary>
public sealed record HeldCounts(int Waiting, int Escalated, int Overdue);
