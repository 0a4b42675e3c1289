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
}
