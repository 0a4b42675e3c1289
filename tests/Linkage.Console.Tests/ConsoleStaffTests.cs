using System.Net;
using Linkage.Transport;
using Roles = Linkage.Domain.Staff.Roles;

namespace Linkage.Console.Tests;

/// <summary>職員管理 over HTTPS: an administrator registers a member by certificate, who can then sign in; deactivation shuts them out.</summary>
[Collection(ConsoleNetworkGroup.Name)]
public sealed class ConsoleStaffTests(ConsoleNetworkFixture fixture)
{
    [Fact]
    public async Task An_administrator_registers_a_reviewer_who_signs_in_and_deactivates_them_again()
    {
        var network = fixture.Network;
        var peer = new PeerIdentity(Testing.TestNetwork.Hitachinaka, Roles.Reviewer, "staff-console-new");
        var files = network.Pki.Issue("staff-console-new", peer);
        using var administrator = ConsoleClient.Of(network, Roles.Administrator);
        await administrator.SignInAsync();
        using var added = await administrator.PostFormAsync("/staff", "/staff?handler=Add", new Dictionary<string, string>
        {
            ["staffId"] = "staff-console-new", ["name"] = "新任 審査", ["roles"] = Roles.Reviewer,
            ["certificatePem"] = await File.ReadAllTextAsync(files.Certificate),
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("新任 審査", await administrator.GetTextAsync("/staff"));

        using var newcomer = new ConsoleClient(network.HitachiConsole, network.Pki.Material("staff-console-new", peer));
        await newcomer.SignInAsync();
        await newcomer.GetTextAsync("/held");

        using var deactivated = await administrator.PostFormAsync("/staff", "/staff?handler=Deactivate",
            new Dictionary<string, string> { ["staffId"] = "staff-console-new", ["reason"] = "異動" });
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        var refused = await newcomer.GetTextAsync("/", HttpStatusCode.Unauthorized);
        Assert.Contains("無効", refused);

        using var reviewer = ConsoleClient.Of(network, Roles.Reviewer);
        await reviewer.SignInAsync();
        Assert.Contains("権限がありません", await reviewer.GetTextAsync("/staff", HttpStatusCode.Forbidden));
    }
}
