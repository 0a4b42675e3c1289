namespace Linkage.Storage.Entities;

/// <summary>A provision record left out of disclosure (不開示): the record is unchanged, the mark sits beside it.</summary>
public sealed class NonDisclosureMarkRow
{
    public long Sequence { get; set; }
    public required string Reason { get; set; }
    public required string MarkedBy { get; set; }
    public long MarkedAtMs { get; set; }
}
