namespace Linkage.Storage.Entities;

/// <summary>A hold flag as stored; <see cref="Sequence"/> orders the flags as they were set and makes the page token.</summary>
public sealed class HoldFlagRow
{
    public long Sequence { get; set; }
    public required string FlagId { get; set; }

    /// <summary>Null: the flag holds every person's answers for its information name.</summary>
    public string? InternalAddressNumber { get; set; }

    /// <summary>Null: the flag holds every information name of its person.</summary>
    public string? InformationNameCode { get; set; }
    public int Reason { get; set; }
    public required string ReasonText { get; set; }
    public DateTimeOffset EffectiveFrom { get; set; }
    public DateTimeOffset? EffectiveTo { get; set; }
    public required string SetBy { get; set; }
    public DateTimeOffset SetAt { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
    public required string ClearedBy { get; set; }
    public required string ClearReason { get; set; }
}
