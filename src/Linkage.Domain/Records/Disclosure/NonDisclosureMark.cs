using Linkage.Domain.Chains;

namespace Linkage.Domain.Records.Disclosure;

/// <summary>A record (which node's chain, which sequence) left out of disclosure to the person (不開示), why, and by whom.</summary>
public sealed record NonDisclosureMark(ChainPosition Record, string Reason, string MarkedBy, DateTimeOffset MarkedAt);

public interface INonDisclosureMarks
{
    /// <summary>False when there is no such record; a record already marked keeps its first mark and this throws RECORD_ALREADY_MARKED.</summary>
    Task<bool> MarkAsync(NonDisclosureMark mark, CancellationToken ct);

    Task<IReadOnlyDictionary<ChainPosition, NonDisclosureMark>> MarksOfAsync(IReadOnlyCollection<ChainPosition> records, CancellationToken ct);
}
