using System.Text.Json;
using Linkage.Domain.Staff;
using Linkage.Transport;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Cli.Tests;

/// <summary>staff, systems and certificates: an administrator's changes to the registry, and their effect on the next call.</summary>
[Collection(SharedNetwork.Name)]
public sealed class AdministrationCommandTests(NetworkFixture fixture)
{
    [Fact]
    public async Task Staff_added_is_listed_can_sign_in_and_once_deactivated_cannot()
    {
        var admin = await fixture.SignedInAsync(Roles.Administrator);
        var certificate = fixture.Certificate("cli-reviewer-0042", new PeerIdentity(Hitachinaka, Roles.Reviewer, "staff-0042"));

        var add = await admin.RunAsync("staff", "add", "--id", "staff-0042", "--name", "審査 花子", "--role", Roles.Reviewer,
            "--information-name", Osteoporosis, "--valid-to", "2099-03-31T00:00:00+09:00", "--certificate", certificate + ".pem");
        Assert.True(add.ExitCode == ExitCodes.Ok, add.ToString());
        Assert.Contains("staff-0042", add.Output);

        var list = await admin.RunAsync("staff", "list");
        Assert.True(list.ExitCode == ExitCodes.Ok, list.ToString());
        var row = Assert.Single(list.Output.Split('\n'), line => line.Contains("staff-0042", StringComparison.Ordinal));
        Assert.Contains(Roles.Reviewer, row);
        Assert.Contains(Osteoporosis, row);
        Assert.Contains("2099-03-30 15:00:00Z", row);
        Assert.Contains("active", row);

        var json = await admin.RunAsync("staff", "list", "--json");
        using (var document = JsonDocument.Parse(json.Output))
        {
            var member = document.RootElement.GetProperty("staff").EnumerateArray().Single(s => s.GetProperty("staffId").GetString() == "staff-0042");
            Assert.Equal("審査 花子", member.GetProperty("name").GetString());
        }

        var reviewer = await fixture.SignInAsync(certificate, fixture.NewSessionFile());
        var deactivate = await admin.RunAsync("staff", "deactivate", "staff-0042", "--reason", "transferred");
        Assert.True(deactivate.ExitCode == ExitCodes.Ok, deactivate.ToString());
        Assert.Contains("deactivated", deactivate.Output);

        // The open session ended with the deactivation, and a new one is refused.
        var whoami = await reviewer.RunAsync("whoami");
        Assert.True(whoami.ExitCode == ExitCodes.Refused, whoami.ToString());
        Assert.StartsWith("Unauthenticated STAFF_DEACTIVATED: ", whoami.Error);
        var signin = await CliRun.RunAsync(["signin", .. reviewer.Options]);
        Assert.True(signin.ExitCode == ExitCodes.Refused, signin.ToString());
        Assert.StartsWith("Unauthenticated STAFF_DEACTIVATED: ", signin.Error);

        var active = await admin.RunAsync("staff", "list");
        Assert.DoesNotContain("staff-0042", active.Output);
        var all = await admin.RunAsync("staff", "list", "--all", "--json");
        using var listed = JsonDocument.Parse(all.Output);
        var deactivated = listed.RootElement.GetProperty("staff").EnumerateArray().Single(s => s.GetProperty("staffId").GetString() == "staff-0042");
        Assert.Equal("transferred", deactivated.GetProperty("deactivationReason").GetString());
        Assert.NotEqual(JsonValueKind.Null, deactivated.GetProperty("deactivatedAt").ValueKind);
    }

    [Fact]
    public async Task A_system_added_can_call_with_its_certificate()
    {
        var admin = await fixture.SignedInAsync(Roles.Administrator);
        var certificate = fixture.Certificate("cli-health-2", new PeerIdentity(Hitachinaka, Roles.HealthSystem, "health-2"));
        var before = await CliRun.RunAsync("health", "--address", fixture.Gateway, "--cert", certificate);
        Assert.True(before.ExitCode == ExitCodes.Refused, before.ToString());

        var add = await admin.RunAsync("systems", "add", "--id", "health-2", "--name", "second health system",
            "--role", Roles.HealthSystem, "--certificate", certificate);
        Assert.True(add.ExitCode == ExitCodes.Ok, add.ToString());
        var after = await CliRun.RunAsync("health", "--address", fixture.Gateway, "--cert", certificate);
        Assert.True(after.ExitCode == ExitCodes.Ok, after.ToString());

        var list = await admin.RunAsync("systems", "list");
        Assert.Contains(Roles.HealthSystem, Assert.Single(list.Output.Split('\n'), line => line.Contains("health-2 ", StringComparison.Ordinal)));

        var again = await admin.RunAsync("systems", "add", "--id", "health-2", "--name", "again", "--role", Roles.HealthSystem,
            "--certificate", certificate);
        Assert.True(again.ExitCode == ExitCodes.Refused, again.ToString());
        Assert.StartsWith("AlreadyExists ", again.Error);

        var deactivate = await admin.RunAsync("systems", "deactivate", "health-2", "--reason", "replaced");
        Assert.True(deactivate.ExitCode == ExitCodes.Ok, deactivate.ToString());
        var refused = await CliRun.RunAsync("health", "--address", fixture.Gateway, "--cert", certificate);
        Assert.StartsWith("Unauthenticated SYSTEM_DEACTIVATED: ", refused.Error);
    }

    [Fact]
    public async Task A_lost_card_is_unbound_and_a_new_one_bound()
    {
        var admin = await fixture.SignedInAsync(Roles.Administrator);
        var lost = fixture.Certificate("cli-auditor-0043-a", new PeerIdentity(Hitachinaka, Roles.Auditor, "staff-0043"));
        var replacement = fixture.Certificate("cli-auditor-0043-b", new PeerIdentity(Hitachinaka, Roles.Auditor, "staff-0043"));
        Assert.Equal(ExitCodes.Ok, (await admin.RunAsync("staff", "add", "--id", "staff-0043", "--name", "監査 次郎",
            "--role", Roles.Auditor, "--certificate", lost)).ExitCode);
        var auditor = await fixture.SignInAsync(lost, fixture.NewSessionFile());

        using var card = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(lost + ".pem");
        var thumbprint = CertificateReferences.Thumbprint(card);
        var unbind = await admin.RunAsync("certificates", "unbind", thumbprint);
        Assert.True(unbind.ExitCode == ExitCodes.Ok, unbind.ToString());
        var refused = await auditor.RunAsync("whoami");
        Assert.StartsWith("Unauthenticated CERTIFICATE_NOT_REGISTERED: ", refused.Error);

        var bind = await admin.RunAsync("staff", "bind", "staff-0043", "--certificate", replacement + ".pem");
        Assert.True(bind.ExitCode == ExitCodes.Ok, bind.ToString());
        var again = await fixture.SignInAsync(replacement, fixture.NewSessionFile());
        Assert.Contains("staff-0043", (await again.RunAsync("whoami")).Output);
    }

    [Fact]
    public async Task An_auditor_may_not_administer()
    {
        var auditor = await fixture.SignedInAsync(Roles.Auditor);
        var run = await auditor.RunAsync("staff", "list");
        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.StartsWith("PermissionDenied PEER_NOT_AUTHORIZED: ", run.Error);
    }
}
