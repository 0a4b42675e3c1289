using System.Net;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;
using Linkage.Gateway.StaffConsole;

namespace Linkage.Console.Tests;

/// <summary>
/// The console has no rules of its own: every page of the menu, opened by every staff role, is served exactly when
/// RpcPermissions allows that role the page's RPC, and refused with a page saying so otherwise.
/// </summary>
[Collection(ConsoleNetworkGroup.Name)]
public sealed class ConsolePermissionWalkTests(ConsoleNetworkFixture fixture)
{
    public static TheoryData<string> StaffRoles => [Roles.Reviewer, Roles.Administrator, Roles.Auditor];

    [Theory, MemberData(nameof(StaffRoles))]
    public async Task Each_page_is_served_to_a_role_exactly_when_its_RPC_is(string role)
    {
        using var console = ConsoleClient.Of(fixture.Network, role);
        await console.SignInAsync();
        var caller = new Caller(CallerKind.Staff, "walk", Testing.TestNetwork.Hitachinaka, new HashSet<string> { role }, new HashSet<string>(), "");
        var served = new List<string>();
        foreach (var (path, label, rpc) in ConsolePages.Menu)
        {
            var allowed = RpcPermissions.Allows(rpc, caller, inSession: true);
            var page = await console.GetTextAsync(path, allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            Assert.Contains(allowed ? $"<h2>{label}</h2>" : "権限がありません", page);
            if (allowed) served.Add(path);
        }
        Assert.NotEmpty(served);
        // The menu links exactly the pages served.
        var menu = await console.GetTextAsync(served[0]);
        foreach (var (path, _, _) in ConsolePages.Menu)
            Assert.Equal(served.Contains(path), menu.Contains($"<li><a href=\"{path}\">", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_console_action_names_an_RPC_with_a_staff_rule()
    {
        Assert.All(ConsolePages.All, rpc => Assert.True(RpcPermissions.IsStaffMethod(rpc), rpc));
    }

    [Fact]
    public async Task A_certificate_revoked_during_a_session_is_told_so_on_the_next_page()
    {
        using var console = fixture.ExtraStaff("staff-revoked-1", Roles.Reviewer);
        await console.SignInAsync();
        await console.GetTextAsync("/held");
        Assert.True(fixture.Network.Pki.Revoke("staff-revoked-1"));
        string? page = null;
        for (var attempt = 0; attempt < 100 && page is null; attempt++)
        {
            using var response = await console.GetAsync("/held");
            if (response.StatusCode == HttpStatusCode.Unauthorized) page = await response.Content.ReadAsStringAsync();
            else await Task.Delay(100); // the gateway reads the new revocation list when the file changes
        }
        Assert.NotNull(page);
        Assert.Contains("失効", page);
        Assert.Contains("CERTIFICATE_REVOKED", page);
    }
}
