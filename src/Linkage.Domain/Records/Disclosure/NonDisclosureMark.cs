namespace Linkage.Domain.Records.Disclosure;

/// <summary>A record left out of disclosure to the person (不開示), why, and by whom.</summary>
public sealed record NonDisclosureMark(long Sequence, string Reason, string MarkedBy, DateTimeOffset MarkedAt);

public interface INonDisclosureMarks
{
    /// <summary>False when there is no such record; a record already marked keeps its first mark and this throws RECORD_ALREADY_MARKED.</summary>
    Task<bool> MarkAsync(NonDisclosureMark mark, CancellationToken ct);

    Task<IReadOnlyDictionary<long, NonDisclosureMark>> MarksOfAsync(IReadOnlyCollection<long> sequences, CancellationToken ct);
}
