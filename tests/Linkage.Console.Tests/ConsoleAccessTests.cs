using System.Net;
using Grpc.Core;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Transport;

namespace Linkage.Console.Tests;

/// <summary>
/// The console's door: the staff certificate in the handshake, sign-in and sign-out, the cookie, the headers, the
/// antiforgery token, refusals as pages in Japanese, and each port serving only its own endpoints.
/// </summary>
[Collection(ConsoleNetworkGroup.Name)]
public sealed class ConsoleAccessTests(ConsoleNetworkFixture fixture)
{
    private Testing.TestNetwork Network => fixture.Network;

    [Fact]
    public async Task The_sign_in_page_names_the_certificate_s_staff_member_and_signing_in_sets_a_strict_session_cookie()
    {
        using var console = ConsoleClient.Of(Network, Roles.Reviewer);
        var page = await console.GetTextAsync("/");
        Assert.Contains("サインイン", page);
        Assert.Contains("職員 reviewer", page);

        var signedIn = await console.SignInAsync();
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-linkage-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        // The token only: 43 characters of base64url, nothing about the member.
        Assert.Matches("^__Host-linkage-session=[A-Za-z0-9_-]{43};", cookie);

        var held = await console.GetTextAsync("/held");
        Assert.Contains("保留一覧", held);
        var signIns = await fixture.OperationsAsync("/linkage.v1.Staff/SignIn");
        Assert.Contains(signIns, o => o.ActorId == "staff-reviewer" && o.Outcome == Contracts.V1.OperationOutcome.Done);
    }

    [Fact]
    public async Task Every_page_carries_a_strict_content_security_policy_and_refuses_framing()
    {
        using var console = ConsoleClient.Of(Network, Roles.Reviewer);
        using var response = await console.GetAsync("/");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_without_a_session_returns_to_sign_in_and_sign_out_ends_the_session()
    {
        using var console = ConsoleClient.Of(Network, Roles.Reviewer);
        using (var anonymous = await console.GetAsync("/held"))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Equal("/", anonymous.Headers.Location!.OriginalString);
        }
        await console.SignInAsync();
        await console.GetTextAsync("/held");
        using var signOut = await console.PostFormAsync("/held", "/signout");
        Assert.Equal("/?reason=signed-out", signOut.Headers.Location!.OriginalString);
        Assert.Contains("サインアウトしました", await console.GetTextAsync("/?reason=signed-out"));
        using var after = await console.GetAsync("/held");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_does_nothing()
    {
        using var console = ConsoleClient.Of(Network, Roles.Reviewer);
        await console.SignInAsync();
        var before = (await fixture.OperationsAsync("/linkage.v1.Staff/SignOut")).Count;
        using var forged = await console.PostFormAsync("/held", "/signout", withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, (await fixture.OperationsAsync("/linkage.v1.Staff/SignOut")).Count);
        await console.GetTextAsync("/held"); // still signed in
    }

    [Fact]
    public async Task An_auditor_sees_a_page_saying_the_role_has_no_right_and_the_refusal_is_logged()
    {
        using var console = ConsoleClient.Of(Network, Roles.Auditor);
        await console.SignInAsync();
        var page = await console.GetTextAsync("/held", HttpStatusCode.Forbidden);
        Assert.Contains("権限がありません", page);
        Assert.Contains(ErrorReasons.PeerNotAuthorized, page);
        Assert.DoesNotContain("   at ", page);
        var refusals = await fixture.OperationsAsync("/linkage.v1.Review/ListHeld");
        Assert.Contains(refusals, o => o.ActorId == "staff-auditor" && o.Outcome == Contracts.V1.OperationOutcome.Refused
            && o.Reason == ErrorReasons.PeerNotAuthorized && o.SessionId.Length > 0);
    }

    [Fact]
    public async Task An_unregistered_certificate_of_our_authority_sees_why_it_cannot_sign_in()
    {
        var tls = Network.Pki.Material("stranger", new PeerIdentity(Testing.TestNetwork.Hitachinaka, Roles.Reviewer, "stranger"));
        using var console = new ConsoleClient(Network.HitachiConsole, tls);
        var page = await console.GetTextAsync("/", HttpStatusCode.Unauthorized);
        Assert.Contains("職員として登録されていません", page);
        Assert.Contains(ErrorReasons.CertificateNotRegistered, page);
        Assert.DoesNotContain("id=\"sign-in\"", page);
    }

    [Fact]
    public async Task A_missing_held_item_is_a_page_in_Japanese_without_a_stack_trace()
    {
        using var console = ConsoleClient.Of(Network, Roles.Reviewer);
        await console.SignInAsync();
        var page = await console.GetTextAsync("/held/no-such-item", HttpStatusCode.NotFound);
        Assert.Contains("見つかりません", page);
        Assert.DoesNotContain("Exception", page);
    }

    [Fact]
    public async Task Each_port_serves_only_its_own_endpoints()
    {
        // The console port answers no gRPC call, even of a caller allowed everywhere else.
        var onConsole = new Contracts.V1.Staff.StaffClient(Network.Channel(new Testing.TestHost("console", Network.Hitachi.App,
            Network.HitachiConsole, new Testing.CollectingSink()), "staff-reviewer-" + Testing.TestNetwork.Hitachinaka,
            new PeerIdentity(Testing.TestNetwork.Hitachinaka, Roles.Reviewer, "staff-reviewer")));
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await onConsole.SignInAsync(new Contracts.V1.SignInRequest()));
        Assert.NotEqual(StatusCode.OK, refused.StatusCode);

        // The gRPC port serves no page.
        var (name, peer) = Network.RegisteredStaff(Network.Hitachi, Roles.Reviewer);
        using var http = new HttpClient(MutualTlsChannel.CreateHandler(Network.Pki.Material(name, peer)))
        {
            DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var page = await http.GetAsync(Network.Hitachi.Address + "/");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }
}
