using Linkage.Domain;
using Linkage.Domain.Answers;
using Linkage.Domain.Records;
using Linkage.Domain.Review;
using Linkage.Domain.Statistics;
using Linkage.Storage.Copies;
using Linkage.Storage.Database;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Statistics;

/// <summary>
/// Business statistics as grouped queries: SQLite counts, the gateway receives one row per group. The exchanges of a
/// period are filtered on the record time, which has no index of its own: the records are scanned once per call (see
/// the README on statistics).
/// </summary>
public sealed class DbStatisticsReader(IDbContextFactory<LinkageDbContext> contexts, InstitutionScope scope) : IStatisticsReader
{
    private const long DayMs = 86_400_000;
    private const long JapanOffsetMs = 9 * 3_600_000;
    private const int Waiting = (int)HeldState.Waiting;
    private const int FirstApproval = (int)HeldState.FirstApproval;
    private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private readonly string _institution = scope.Code.Value;

    public async Task<IReadOnlyList<ExchangeCount>> ExchangesAsync(StatisticsPeriod period, CancellationToken ct)
    {
        long start = period.Start.ToUnixTimeMilliseconds(), end = period.End.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var groups = await db.ProvisionRecords.AsNoTracking()
            .Where(r => r.InstitutionCode == _institution && r.RecordedAtMs >= start && r.RecordedAtMs < end)
            // Days since 1970-01-01 in Japan (UTC+9 all year): the day a record counts for is the day it was made there.
            .GroupBy(r => new { Day = (r.RecordedAtMs + JapanOffsetMs) / DayMs, r.Direction, r.Outcome, r.InquirerInstitution, r.InformationName })
            .Select(g => new { g.Key.Day, g.Key.Direction, g.Key.Outcome, g.Key.InquirerInstitution, g.Key.InformationName, Count = g.LongCount() })
            .OrderBy(g => g.Day).ThenBy(g => g.Direction).ThenBy(g => g.Outcome).ThenBy(g => g.InquirerInstitution).ThenBy(g => g.InformationName)
            .ToListAsync(ct);
        return groups.Select(g => new ExchangeCount(DateOnly.FromDayNumber(UnixEpochDay + (int)g.Day), (RecordDirection)g.Direction,
            (ProvisionOutcome)g.Outcome, g.InquirerInstitution, g.InformationName, g.Count)).ToList();
    }

    public async Task<IReadOnlyList<InformationNameCount>> CurrentCopiesAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // The same rows as ICopyStore.CountCurrentAsync, so that the names add up to its total.
        return await VisibleCopies.CurrentRows(db).AsNoTracking()
            .Where(c => c.InstitutionCode == _institution && !c.IsDeleted)
            .GroupBy(c => c.InformationNameCode)
            .OrderBy(g => g.Key)
            .Select(g => new InformationNameCount(g.Key, g.LongCount()))
            .ToListAsync(ct);
    }

    public async Task<HeldCounts> HeldAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var counts = await db.HeldResponses.AsNoTracking()
            .Where(h => h.InstitutionCode == _institution && (h.State == Waiting || h.State == FirstApproval))
            .GroupBy(_ => 1)
            .Select(g => new HeldCounts(g.Count(), g.Count(h => h.Escalated), g.Count(h => h.Deadline <= now)))
            .FirstOrDefaultAsync(ct);
        return counts ?? new HeldCounts(0, 0, 0);
    }
}
