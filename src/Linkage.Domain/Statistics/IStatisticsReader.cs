namespace Linkage.Domain.Statistics;

/// <summary>
/// The figures of business statistics, counted by the store (grouped where the rows are, never read row by row),
/// for this institution only.
/// </summary>
public interface IStatisticsReader
{
    /// <summary>The provision records of the period per day in Japan, direction, outcome, inquirer and information
    /// name; combinations without records left out. Ordered by day, then the other keys.</summary>
    Task<IReadOnlyList<ExchangeCount>> ExchangesAsync(StatisticsPeriod period, CancellationToken ct);

    /// <summary>The current copies (tombstones and incomplete batches left out) per information name.</summary>
    Task<IReadOnlyList<InformationNameCount>> CurrentCopiesAsync(CancellationToken ct);

    Task<HeldCounts> HeldAsync(DateTimeOffset now, CancellationToken ct);
}
