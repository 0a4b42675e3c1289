using Linkage.Domain.Staff;
using OpenQA.Selenium;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.Console.Tests.Browser;

/// <summary>The administrator's and auditor's screens in Chromium, each leaving a full-page screenshot.</summary>
[Collection(BrowserNetworkGroup.Name)]
public sealed class AdministrationInBrowserTests(BrowserNetworkFixture fixture)
{
    private ConsoleNetworkFixture Network => fixture.Console;

    [BrowserFact]
    public async Task An_administrator_sets_a_flag_and_the_next_inquiry_for_that_person_is_held()
    {
        var (person, mitoPerson) = await Network.FreshResidentAsync(51);
        Assert.Equal(ProvisionOutcome.Provided, await Network.InquireAsync(mitoPerson));
        var (browser, profile) = fixture.Browser(Roles.Administrator);
        using (profile)
        using (browser)
        {
            browser.SignIn("職員 administrator");
            browser.Open("/flags");
            browser.Find("#set-person").SendKeys(person);
            browser.Find("#set-text").SendKeys("DV等支援措置の申出");
            browser.Find("#set-flag-button").Click();
            browser.WaitFor(d => d.FindElements(By.Id("done-notice")).Count > 0);
            Assert.Contains(person, browser.Find("#flag-list").Text);
            browser.Screenshot("flags-01-set");
        }
        Assert.Equal(ProvisionOutcome.Held, await Network.InquireAsync(mitoPerson));
    }

    [BrowserFact]
    public async Task The_disclosure_CSV_downloads_and_parses()
    {
        var (person, mitoPerson) = await Network.FreshResidentAsync(52);
        await Network.InquireAsync(mitoPerson);
        var (browser, profile) = fixture.Browser(Roles.Reviewer);
        using (profile)
        using (browser)
        {
            browser.SignIn("職員 reviewer");
            browser.Open("/records");
            browser.Find("#person").SendKeys(person);
            browser.Find("#disclose").Click();
            browser.WaitFor(d => d.FindElements(By.Id("disclosure-table")).Count > 0);
            Assert.Contains("水戸市長", browser.Find("#disclosure-table").Text);
            browser.Screenshot("records-01-disclosure");
            // The print style sheet: no menu, no forms, only the disclosure.
            browser.Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["media"] = "print" });
            Assert.False(browser.Find("header.site").Displayed);
            Assert.False(browser.Find("#download-csv").Displayed);
            Assert.True(browser.Find("#disclosure-table").Displayed);
            browser.Screenshot("records-02-print");
            browser.Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["media"] = "" });

            browser.Find("#download-csv").Click();
            string[] files = [];
            // Chromium reserves the file's name with an empty file before it writes the download beside it.
            browser.WaitFor(_ => (files = Directory.GetFiles(browser.Downloads, "disclosure-*.csv")).Length == 1
                && Directory.GetFiles(browser.Downloads, "*.crdownload").Length == 0 && new FileInfo(files[0]).Length > 3);
            var lines = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(files[0])[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("\"日付\"", lines[0]);
            var row = lines.Skip(1).Select(Fields).Single();
            Assert.Equal(13, row.Count);
            Assert.Equal(("提供", "水戸市長"), (row[2], row[4]));
        }
    }

    [BrowserFact]
    public async Task The_jobs_and_statistics_page_renders_its_chart()
    {
        var (_, mitoPerson) = await Network.FreshResidentAsync(53);
        await Network.InquireAsync(mitoPerson);
        var (browser, profile) = fixture.Browser(Roles.Administrator);
        using (profile)
        using (browser)
        {
            browser.SignIn("職員 administrator");
            browser.Open("/jobs");
            var chart = browser.Find("#exchanges-chart");
            Assert.True(chart.Displayed);
            Assert.True(chart.Size.Height > 100, $"the chart is {chart.Size.Height}px high");
            Assert.NotEmpty(chart.FindElements(By.CssSelector("rect.bar")));
            Assert.NotEmpty(browser.Driver.FindElements(By.CssSelector("#job-list tbody tr")));
            browser.Screenshot("jobs-01-chart");
        }
    }

    [BrowserFact]
    public void An_administrator_receives_a_ticket_and_sees_the_staff_with_the_keyboard()
    {
        var (browser, profile) = fixture.Browser(Roles.Administrator);
        using (profile)
        using (browser)
        {
            browser.SignIn("職員 administrator");
            browser.Open("/tickets");
            browser.Find("#new-kind").SendKeys("問合せ"); // a select chosen by typing, as with the keyboard
            browser.Find("#new-text").SendKeys("情報提供等記録の見方について");
            browser.Find("#register-button").SendKeys(Keys.Enter);
            browser.WaitFor(d => d.FindElements(By.Id("done-notice")).Count > 0);
            Assert.Contains("問合せ", browser.Find("#ticket-facts").Text);
            browser.Screenshot("tickets-01-received");

            browser.Open("/staff");
            Assert.Contains("staff-administrator", browser.Find("#staff-list").Text);
            browser.Screenshot("staff-01-list");
        }
    }

    /// <summary>One line of the CSV: every field quoted, quotes doubled.</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
