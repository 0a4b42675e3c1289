using System.Globalization;
using Linkage.Contracts.V1;
using Linkage.Domain;
using Linkage.Domain.Copies;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Staff;
using Linkage.Domain.Statistics;
using Linkage.Domain.Symbols;
using Linkage.Network.Client;
using HeldCounts = Linkage.Contracts.V1.HeldCounts;
using RecordDirection = Linkage.Domain.Records.RecordDirection;
using WireDirection = Linkage.Contracts.V1.RecordDirection;

namespace Linkage.Gateway.Administration;

/// <summary>
/// GetStatistics: the counts of the moment (symbols, copies per information name, records, held responses) and the
/// exchanges of a period per day, every figure a count or a code, never a person.
/// </summary>
public sealed class StatisticsReport(
    InstitutionScope scope, ISymbolStore symbols, ICopyStore copies, IRecordReader records, IOperationLogReader operations,
    IPermittedListSource lists, StaffSessions sessions, HeldOperations heldOperations, IStatisticsReader statistics, Domain.Tickets.TicketDesk tickets,
    TimeProvider clock)
{
    public async Task<GetStatisticsResponse> BuildAsync(GetStatisticsRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Refused before anything is counted.
        var period = StatisticsPeriod.Parse(request.FromDate, request.ToDate, JapanDate.Of(now));
        var held = await statistics.HeldAsync(now, ct);
        var response = new GetStatisticsResponse
        {
            InstitutionCode = scope.Code.Value,
            Symbols = await symbols.CountAsync(ct),
            CurrentCopies = await copies.CountCurrentAsync(ct),
            Records = await records.CountAsync(ct),
            PermittedListVersion = lists.Current?.Version ?? 0,
            Operations = await operations.CountAsync(ct),
            OpenSessions = sessions.OpenCount,
            EscalatedHeld = heldOperations.Escalated,
            Tickets = Tickets.TicketMapping.ToWire(await tickets.CountAsync(ct)),
            FromDate = Day(period.From),
            ToDate = Day(period.To),
            Held = new HeldCounts { Waiting = held.Waiting, Escalated = held.Escalated, Overdue = held.Overdue },
        };
        response.Exchanges.AddRange((await statistics.ExchangesAsync(period, ct)).Select(e => new Contracts.V1.ExchangeCount
        {
            Day = Day(e.Day),
            Direction = e.Direction == RecordDirection.Incoming ? WireDirection.Incoming : WireDirection.Outgoing,
            Outcome = e.Outcome.ToWire(),
            InquirerInstitutionCode = e.InquirerInstitution,
            InformationNameCode = e.InformationName,
            Count = e.Count,
        }));
        response.CopiesByInformationName.AddRange((await statistics.CurrentCopiesAsync(ct)).Select(c => new Contracts.V1.InformationNameCount
        {
            InformationNameCode = c.InformationName,
            Count = c.Count,
        }));
        return response;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
