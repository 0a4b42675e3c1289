namespace Linkage.Storage.Entities;

/// <summary>A provision record left out of disclosure (不開示): the record is unchanged, the mark sits beside it.</summary>
public sealed class NonDisclosureMarkRow
{
    /// <summary>The node and sequence of the provision record it leaves out.</summary>
    public required string Node { get; set; }
    public long Sequence { get; set; }
    public required string Reason { get; set; }
    public required string MarkedBy { get; set; }
    public long MarkedAtMs { get; set; }
}
