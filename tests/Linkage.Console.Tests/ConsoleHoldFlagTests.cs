using System.Net;
using Linkage.Contracts.V1;
using Roles = Linkage.Domain.Staff.Roles;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;

namespace Linkage.Console.Tests;

/// <summary>自動応答不可フラグ over HTTPS: an administrator's flag holds the next inquiry, its clearing lets answers go again.</summary>
[Collection(ConsoleNetworkGroup.Name)]
public sealed class ConsoleHoldFlagTests(ConsoleNetworkFixture fixture)
{
    [Fact]
    public async Task An_administrator_sets_a_flag_the_next_inquiry_is_held_and_clearing_it_lets_answers_go()
    {
        var (person, mitoPerson) = await fixture.FreshResidentAsync(41);
        Assert.Equal(ProvisionOutcome.Provided, await fixture.InquireAsync(mitoPerson));

        using var console = ConsoleClient.Of(fixture.Network, Roles.Administrator);
        await console.SignInAsync();
        using var set = await console.PostFormAsync("/flags", "/flags?handler=Set", new Dictionary<string, string>
        {
            ["person"] = person, ["name"] = "", ["reason"] = ((int)HoldFlagReason.SupportMeasure).ToString(), ["text"] = "DV支援措置",
        });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.DoesNotContain(person, set.Headers.Location!.OriginalString); // a person's number never goes into a URL
        Assert.Contains("を設定しました", await console.GetTextAsync(set.Headers.Location!.OriginalString));
        using var filtered = await console.PostFormAsync("/flags", "/flags?handler=Filter", new Dictionary<string, string> { ["person"] = person });
        var list = await filtered.Content.ReadAsStringAsync();
        Assert.Contains(person, list);
        Assert.Contains("支援措置（住民基本台帳事務）：DV支援措置", list);
        Assert.Equal(ProvisionOutcome.Held, await fixture.InquireAsync(mitoPerson));

        var setEntry = (await fixture.OperationsAsync("/linkage.v1.Administration/SetHoldFlag")).Last(o => o.Target.Contains($"person:{person}"));
        Assert.Equal(("staff-administrator", OperationOutcome.Done), (setEntry.ActorId, setEntry.Outcome));
        var flagId = setEntry.Target.Split(' ').Single(part => part.StartsWith("flag:", StringComparison.Ordinal))["flag:".Length..];

        using var clear = await console.PostFormAsync("/flags", "/flags?handler=Clear",
            new Dictionary<string, string> { ["flagId"] = flagId, ["reason"] = "支援措置の終了" });
        Assert.Equal(HttpStatusCode.Redirect, clear.StatusCode);
        Assert.Contains("支援措置の終了", await console.GetTextAsync(clear.Headers.Location!.OriginalString));
        Assert.Equal(ProvisionOutcome.Provided, await fixture.InquireAsync(mitoPerson));
        Assert.DoesNotContain(person, fixture.Network.Hitachi.Logs.AllText());
    }

    [Fact]
    public async Task A_reviewer_has_no_flag_page_and_an_invalid_flag_is_refused_with_words()
    {
        using var reviewer = ConsoleClient.Of(fixture.Network, Roles.Reviewer);
        await reviewer.SignInAsync();
        Assert.DoesNotContain("href=\"/flags\"", await reviewer.GetTextAsync("/held"));
        Assert.Contains("権限がありません", await reviewer.GetTextAsync("/flags", HttpStatusCode.Forbidden));

        using var administrator = ConsoleClient.Of(fixture.Network, Roles.Administrator);
        await administrator.SignInAsync();
        using var invalid = await administrator.PostFormAsync("/flags", "/flags?handler=Set", new Dictionary<string, string>
        {
            ["person"] = "12345", ["reason"] = ((int)HoldFlagReason.SupportMeasure).ToString(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("入力内容", await invalid.Content.ReadAsStringAsync());
    }
}
