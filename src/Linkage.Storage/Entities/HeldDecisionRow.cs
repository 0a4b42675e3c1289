namespace Linkage.Storage.Entities;

/// <summary>One step of a held response's review history: who approved, declined or extended, why and when.</summary>
public sealed class HeldDecisionRow
{
    public long Id { get; set; }
    public required string PermitId { get; set; }
    public required string StaffId { get; set; }
    public required string Decision { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset At { get; set; }
}
