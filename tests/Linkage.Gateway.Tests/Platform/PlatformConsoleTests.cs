using System.Net;
using System.Text.RegularExpressions;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Transport;
using static Linkage.Gateway.Tests.Platform.PlatformNetwork;
using OperationOutcome = Linkage.Domain.Staff.OperationOutcome;

namespace Linkage.Gateway.Tests.Platform;

/// <summary>
/// The node's one console port: each page goes to the institution of the browser's staff certificate, as each gRPC
/// call does, so a member of one institution signs in there and sees nothing of another's.
/// </summary>
[Collection(OnePlatformNode.Name)]
public sealed partial class PlatformConsoleTests(PlatformNetwork network)
{
    [Fact(Timeout = 120_000)]
    public async Task Each_institutions_staff_is_named_on_the_nodes_console_by_its_own_registry()
    {
        foreach (var institution in new[] { Mito, Tsukuba })
        {
            using var browser = Browser(institution, Roles.Auditor);
            var page = await browser.GetStringAsync("/");
            Assert.Contains($"職員 {Roles.Auditor} {institution}", page, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_reviewer_signed_in_on_the_console_cannot_open_another_institutions_held_answer()
    {
        var person = await network.ProvideableAsync(Tsukuba, 33, "165.0");
        await new CopyRegistration.CopyRegistrationClient(network.BackOffice(Tsukuba, Roles.HealthSystem))
            .SetHoldFlagAsync(new SetHoldFlagRequest { InternalAddressNumber = person, Reason = HoldFlagReason.SupportMeasure });
        var held = await network.ProvideAsync(Tsukuba, network.Permit(Tsukuba, 33, Mito));
        Assert.Equal(ProvisionOutcome.Held, held.Outcome);
        using var browser = Browser(Hitachinaka, Roles.Reviewer);
        var signIn = await browser.PostAsync("/?handler=SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__antiforgery"] = WebUtility.HtmlDecode(AntiforgeryField().Match(await browser.GetStringAsync("/")).Groups[1].Value) }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var page = await browser.GetAsync($"/held/{held.PermitId}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains((await network.OperationsAsync(Hitachinaka)), o => o is { Rpc: "/linkage.v1.Review/GetHeld", Outcome: OperationOutcome.Refused }
            && o.Target == $"held:{held.PermitId}");
    }

    /// <summary>A browser holding the staff certificate of <paramref name="institution"/>: cookies kept, redirects not followed.</summary>
    private HttpClient Browser(string institution, string role)
    {
        var (name, peer) = network.RegisteredStaff(institution, role);
        var handler = MutualTlsChannel.CreateHandler(network.Pki.Material(name, peer));
        handler.UseCookies = true;
        handler.CookieContainer = new CookieContainer();
        handler.AllowAutoRedirect = false;
        return new HttpClient(handler) { BaseAddress = new Uri(network.ConsoleAddress) };
    }

    [GeneratedRegex("name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
