using System.Net;
using System.Text;
using Roles = Linkage.Domain.Staff.Roles;

namespace Linkage.Console.Tests;

/// <summary>情報提供等記録 over HTTPS: a person's disclosure as a page and as CSV, and the integrity verification.</summary>
[Collection(ConsoleNetworkGroup.Name)]
public sealed class ConsoleRecordsTests(ConsoleNetworkFixture fixture)
{
    [Fact]
    public async Task A_person_s_disclosure_shows_on_a_printable_page_and_downloads_as_CSV_and_each_is_logged()
    {
        var (person, mitoPerson) = await fixture.FreshResidentAsync(61);
        await fixture.InquireAsync(mitoPerson);
        using var console = ConsoleClient.Of(fixture.Network, Roles.Reviewer);
        await console.SignInAsync();
        var form = new Dictionary<string, string> { ["person"] = person, ["name"] = "", ["from"] = "", ["to"] = "" };

        using var page = await console.PostFormAsync("/records", "/records?handler=Disclose", form);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("水戸市長", html);
        Assert.Contains("骨粗鬆症検診情報", html);
        Assert.Contains("令和", html);
        Assert.Contains("id=\"print-button\"", html);
        Assert.DoesNotContain("id=\"verify\"", html); // a reviewer discloses but does not verify

        using var csv = await console.PostFormAsync("/records", "/records?handler=Csv", form);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain(person, csv.Content.Headers.ContentDisposition!.ToString());
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"日付\",\"和暦\",\"区分\"", lines[0]);
        Assert.Contains(lines.Skip(1), line => line.Contains("\"提供\"") && line.Contains("\"水戸市長\""));

        Assert.DoesNotContain(person, fixture.Network.Hitachi.Logs.AllText()); // in the operation log only, never in text logs
        var disclosures = await fixture.OperationsAsync("/linkage.v1.Records/Disclose");
        Assert.Equal(2, disclosures.Count(o => o.Target.StartsWith($"person:{person}", StringComparison.Ordinal) && o.ActorId == "staff-reviewer"));
    }

    [Fact]
    public async Task An_auditor_verifies_the_chains_and_a_reviewer_may_not()
    {
        using var auditor = ConsoleClient.Of(fixture.Network, Roles.Auditor);
        await auditor.SignInAsync();
        using var verified = await auditor.PostFormAsync("/records", "/records?handler=Verify", new Dictionary<string, string> { ["chain"] = "1" });
        var html = await verified.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Contains("改ざんは検出されませんでした", html);
        Assert.Contains("<tr class=\"\" data-node=\"node-1\">", html); // a row per node's chain, this gateway's the only one here

        using var reviewer = ConsoleClient.Of(fixture.Network, Roles.Reviewer);
        await reviewer.SignInAsync();
        using var refused = await reviewer.PostFormAsync("/records", "/records?handler=Verify", new Dictionary<string, string> { ["chain"] = "1" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
