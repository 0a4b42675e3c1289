using System.Net;
using System.Text.RegularExpressions;
using Roles = Linkage.Domain.Staff.Roles;

namespace Linkage.Console.Tests;

/// <summary>ジョブと統計 over HTTPS: the jobs, and the chart of exchanges per day by outcome drawn on the server.</summary>
[Collection(ConsoleNetworkGroup.Name)]
public sealed class ConsoleJobsTests(ConsoleNetworkFixture fixture)
{
    [Fact]
    public async Task An_administrator_sees_the_jobs_and_a_chart_of_today_s_exchanges_and_a_reviewer_may_not()
    {
        var (_, mitoPerson) = await fixture.FreshResidentAsync(71);
        await fixture.InquireAsync(mitoPerson); // at least one provided exchange today
        using var administrator = ConsoleClient.Of(fixture.Network, Roles.Administrator);
        await administrator.SignInAsync();
        var page = await administrator.GetTextAsync("/jobs");
        Assert.Contains("checkpoint", page);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"exchanges-chart\"", page);
        Assert.Matches(new Regex("<rect class=\"bar\"[^>]*fill=\"#1b6ca8\"><title>[0-9]+月[0-9]+日 提供 [0-9]+件</title>"), page);
        Assert.Equal(30, Regex.Count(page, "<tr><td>[0-9]{4}年")); // every day of the 30, zeros included
        Assert.DoesNotContain("<script>", page);

        using var reviewer = ConsoleClient.Of(fixture.Network, Roles.Reviewer);
        await reviewer.SignInAsync();
        Assert.Contains("権限がありません", await reviewer.GetTextAsync("/jobs", HttpStatusCode.Forbidden));
    }
}
