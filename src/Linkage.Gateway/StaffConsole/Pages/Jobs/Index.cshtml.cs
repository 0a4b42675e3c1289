using Linkage.Contracts.V1;
using Linkage.Gateway.Administration;

namespace Linkage.Gateway.StaffConsole.Pages.Jobs;

/// <summary>ジョブと統計 through linkage.v1.Administration: ListJobs, and GetStatistics for the last 30 days with its chart.</summary>
public sealed class JobsModel : ConsolePage
{
    public ListJobsResponse Jobs { get; private set; } = new();
    public GetStatisticsResponse Statistics { get; private set; } = new();
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public IReadOnlyList<(DateOnly Day, long[] Counts)> Days { get; private set; } = [];
    public string Chart { get; private set; } = "";

    public async Task OnGetAsync()
    {
        Jobs = await CallAsync<AdministrationService, ListJobsRequest, ListJobsResponse>(ConsolePages.ListJobs, new ListJobsRequest(),
            (service, r, context) => service.ListJobs(r, context));
        // Empty dates: the service's default period, the 30 days up to today in Japan.
        Statistics = await CallAsync<AdministrationService, GetStatisticsRequest, GetStatisticsResponse>(ConsolePages.GetStatistics,
            new GetStatisticsRequest(), (service, r, context) => service.GetStatistics(r, context));
        From = DateOnly.ParseExact(Statistics.FromDate, "yyyy-MM-dd");
        To = DateOnly.ParseExact(Statistics.ToDate, "yyyy-MM-dd");
        Days = ExchangesChart.Days(Statistics.Exchanges, From, To);
        Chart = ExchangesChart.Svg(Days);
    }
}
