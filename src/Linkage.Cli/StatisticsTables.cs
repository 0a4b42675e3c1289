using Linkage.Contracts.V1;
using Spectre.Console;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.Cli;

/// <summary>The tables of stats beside the summary: held responses, current copies per information name, exchanges per day.</summary>
public static class StatisticsTables
{
    public static Table Held(HeldCounts? held)
    {
        var table = Tables.Of("Held waiting", "Escalated", "Overdue");
        table.Row($"{held?.Waiting ?? 0}", $"{held?.Escalated ?? 0}", $"{held?.Overdue ?? 0}");
        return table;
    }

    public static Table Copies(IEnumerable<InformationNameCount> copies)
    {
        var table = Tables.Of("Information name", "Current copies");
        foreach (var c in copies)
            table.Row(c.InformationNameCode, $"{c.Count}");
        return table;
    }

    public static Table Exchanges(IEnumerable<ExchangeCount> exchanges)
    {
        var table = Tables.Of("Day", "Direction", "Outcome", "Inquirer", "Information name", "Exchanges");
        foreach (var e in exchanges)
            table.Row(e.Day, Direction(e.Direction), Outcome(e.Outcome), e.InquirerInstitutionCode, e.InformationNameCode, $"{e.Count}");
        return table;
    }

    /// <summary>The sentence under the exchanges: how many, over which days.</summary>
    public static string Period(GetStatisticsResponse statistics) =>
        $"{statistics.Exchanges.Sum(e => e.Count)} exchange(s) from {statistics.FromDate} to {statistics.ToDate} (days in Japan)";

    private static string Direction(RecordDirection direction) => direction switch
    {
        RecordDirection.Incoming => "incoming",
        RecordDirection.Outgoing => "outgoing",
        _ => "",
    };

    private static string Outcome(ProvisionOutcome outcome) => outcome switch
    {
        ProvisionOutcome.Provided => "provided",
        ProvisionOutcome.Held => "held",
        ProvisionOutcome.NotProvided => "not provided",
        _ => "",
    };
}
