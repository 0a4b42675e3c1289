using Linkage.Domain.Staff;
using OpenQA.Selenium;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.Console.Tests.Browser;

/// <summary>The review console's scenarios in a real headless Chromium, each leaving a full-page screenshot.</summary>
[Collection(BrowserNetworkGroup.Name)]
public sealed class ReviewInBrowserTests(BrowserNetworkFixture fixture)
{
    private ConsoleNetworkFixture Network => fixture.Console;

    [BrowserFact]
    public async Task A_reviewer_signs_in_finds_the_held_item_previews_and_approves_and_the_inquirer_picks_the_answer_up()
    {
        var (inquiryId, heldId) = await Network.HeldInquiryAsync();
        var (browser, profile) = fixture.Browser(Roles.Reviewer);
        using (profile)
        using (browser)
        {
            browser.SignIn("職員 reviewer");
            browser.WaitFor(d => d.Url.EndsWith("/held", StringComparison.Ordinal));
            var link = browser.Find($"a[href='/held/{heldId}']");
            browser.Screenshot("review-01-held-list");
            link.Click();
            browser.WaitFor(d => d.FindElements(By.Id("held-facts")).Count > 0);
            Assert.Contains("判断待ち", browser.Find("#held-state").Text);
            browser.Screenshot("review-02-held-detail");

            browser.Find("#preview").Click();
            browser.WaitFor(d => d.FindElements(By.Id("preview-result")).Count > 0);
            Assert.Contains("158.2", browser.Find("#preview-result").Text);
            browser.Screenshot("review-03-answer-preview");

            browser.Find("#comment").SendKeys("内容を確認しました");
            browser.Find("#approve").Click();
            browser.WaitFor(d => d.FindElements(By.Id("done-notice")).Count > 0);
            Assert.Contains("承認済み", browser.Find("#held-state").Text);
            browser.Screenshot("review-04-approved");
        }
        Assert.Equal(ProvisionOutcome.Provided, (await Network.PendingResultAsync(inquiryId)).Outcome);
    }

    [BrowserFact]
    public async Task A_decline_reaches_the_inquirer_as_not_provided()
    {
        var (inquiryId, heldId) = await Network.HeldInquiryAsync();
        var (browser, profile) = fixture.Browser(Roles.Reviewer);
        using (profile)
        using (browser)
        {
            browser.SignIn("職員 reviewer");
            browser.Open($"/held/{heldId}");
            browser.Find("#text").SendKeys("支援措置の対象者のため");
            browser.Find("#decline").Click();
            browser.WaitFor(d => d.FindElements(By.Id("done-notice")).Count > 0);
            Assert.Contains("不提供", browser.Find("#held-state").Text);
            browser.Screenshot("review-05-declined");
        }
        Assert.Equal(ProvisionOutcome.NotProvided, (await Network.PendingResultAsync(inquiryId)).Outcome);
    }

    [BrowserFact]
    public async Task An_auditor_cannot_approve_and_is_told_so()
    {
        var (_, heldId) = await Network.HeldInquiryAsync();
        var (browser, profile) = fixture.Browser(Roles.Auditor);
        using (profile)
        using (browser)
        {
            browser.SignIn("職員 auditor");
            Assert.Empty(browser.Driver.FindElements(By.CssSelector("a[href='/held']"))); // no menu link to what the role cannot open
            browser.Open($"/held/{heldId}");
            Assert.Contains("権限がありません", browser.PageText);
            Assert.Empty(browser.Driver.FindElements(By.Id("approve")));
            browser.Screenshot("review-06-auditor-refused");
        }
    }

    [BrowserFact]
    public void An_idle_session_warns_and_then_returns_to_sign_in()
    {
        var (browser, profile) = fixture.Browser(Roles.Reviewer);
        using (profile)
        using (browser)
        {
            browser.SignIn("職員 reviewer");
            browser.WaitFor(d => d.FindElement(By.Id("idle-notice")).Displayed, seconds: 30);
            browser.Screenshot("review-07-idle-notice");
            browser.WaitFor(d => d.Url.Contains("reason=SESSION_IDLE_TIMEOUT", StringComparison.Ordinal), seconds: 30);
            browser.WaitFor(d => d.FindElements(By.Id("sign-in-notice")).Count > 0);
            Assert.Contains("一定時間操作がなかったため", browser.Find("#sign-in-notice").Text);
            browser.Screenshot("review-08-idle-signed-out");
            browser.Open("/held");
            Assert.EndsWith("/", browser.Driver.Url, StringComparison.Ordinal); // the session is gone on the server too
        }
    }

    [BrowserFact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var (_, heldId) = await Network.HeldInquiryAsync();
        var (browser, profile) = fixture.Browser(Roles.Reviewer);
        using (profile)
        using (browser)
        {
            browser.SignIn("職員 reviewer");
            browser.Open($"/held/{heldId}");
            // What a forged form from elsewhere would lack; WebDriver's script is not the page's, so CSP does not stop it.
            browser.Driver.ExecuteScript("document.querySelectorAll('input[name=__antiforgery]').forEach(function (e) { e.remove(); });");
            browser.Find("#approve").Click();
            browser.WaitFor(d => d.FindElements(By.Id("refusal-message")).Count > 0);
            Assert.Contains("送信を受け付けられません", browser.PageText);
            browser.Screenshot("review-09-form-without-token");
            browser.Open($"/held/{heldId}");
            Assert.Contains("判断待ち", browser.Find("#held-state").Text);
        }
    }
}
