using System.Text.Json;
using Linkage.Domain.Staff;

namespace Linkage.Cli.Tests;

/// <summary>signin, whoami, signout: the session file and what a call without a live session is told.</summary>
[Collection(SharedNetwork.Name)]
public sealed class SessionCommandTests(NetworkFixture fixture)
{
    [Fact]
    public async Task Signin_keeps_the_token_in_a_file_only_the_user_can_read_and_whoami_names_the_staff_member()
    {
        var file = fixture.NewSessionFile();
        var signin = await CliRun.RunAsync("signin", "--gateway", fixture.Gateway, "--cert", fixture.StaffCertificate(Roles.Auditor),
            "--session-file", file);
        Assert.True(signin.ExitCode == ExitCodes.Ok, signin.ToString());
        Assert.Contains("signed in as staff-auditor", signin.Output);
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        }
        var stored = SessionFile.Read(file)!;
        Assert.DoesNotContain(stored.Token, signin.Output);

        var login = new StaffLogin(fixture.Gateway, fixture.StaffCertificate(Roles.Auditor), file);
        var whoami = await login.RunAsync("whoami");
        Assert.True(whoami.ExitCode == ExitCodes.Ok, whoami.ToString());
        Assert.Contains("staff-auditor", whoami.Output);
        Assert.Contains(Roles.Auditor, whoami.Output);
        Assert.Contains(stored.SessionId, whoami.Output);

        var json = await login.RunAsync("whoami", "--json");
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal("staff-auditor", document.RootElement.GetProperty("staff").GetProperty("staffId").GetString());
        Assert.Equal(stored.SessionId, document.RootElement.GetProperty("session").GetProperty("sessionId").GetString());
    }

    [Fact]
    public async Task Signout_deletes_the_file_and_a_later_call_is_told_to_sign_in()
    {
        var login = await fixture.SignInAsync(fixture.StaffCertificate(Roles.Auditor), fixture.NewSessionFile());
        var kept = File.ReadAllText(login.SessionFile);

        var signout = await login.RunAsync("signout");
        Assert.True(signout.ExitCode == ExitCodes.Ok, signout.ToString());
        Assert.False(File.Exists(login.SessionFile));

        // No session at all.
        var without = await login.RunAsync("records");
        Assert.True(without.ExitCode == ExitCodes.Refused, without.ToString());
        Assert.StartsWith("Unauthenticated SESSION_REQUIRED: ", without.Error);
        Assert.Contains($"sign in first: linkage signin --gateway {fixture.Gateway} --cert {login.Certificate}", without.Error);

        // The token of the ended session, kept by someone: refused by the gateway.
        File.WriteAllText(login.SessionFile, kept);
        var ended = await login.RunAsync("records");
        Assert.True(ended.ExitCode == ExitCodes.Refused, ended.ToString());
        Assert.StartsWith("Unauthenticated SESSION_ENDED: ", ended.Error);
        Assert.Contains("sign in again: linkage signin", ended.Error);
        Assert.Contains($"--session-file {login.SessionFile}", ended.Error);
    }

    [Fact]
    public async Task A_session_is_sent_only_with_its_own_certificate()
    {
        var auditor = await fixture.SignedInAsync(Roles.Auditor);
        // The auditor's session file with the administrator's certificate: not sent, so the gateway asks for a session.
        var other = await CliRun.RunAsync("stats", "--gateway", fixture.Gateway, "--cert", fixture.StaffCertificate(Roles.Administrator),
            "--session-file", auditor.SessionFile);
        Assert.True(other.ExitCode == ExitCodes.Refused, other.ToString());
        Assert.StartsWith("Unauthenticated SESSION_REQUIRED: ", other.Error);
    }

    [Fact]
    public async Task Signout_without_a_session_file_says_so()
    {
        var run = await CliRun.RunAsync("signout", "--gateway", fixture.Gateway, "--cert", fixture.StaffCertificate(Roles.Auditor),
            "--session-file", fixture.NewSessionFile());
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("not signed in", run.Error);
    }

    [Fact]
    public void The_default_session_file_is_per_gateway_under_the_user_configuration()
    {
        var path = SessionFile.PathFor("https://LocalHost:7100", null);
        if (Environment.GetEnvironmentVariable(SessionFile.EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            Assert.Equal(fromEnvironment, path);
        else
            Assert.Equal(Path.Combine(SessionFile.DefaultFolder(), "localhost_7100"), path);
        Assert.EndsWith(Path.Combine("linkage", "sessions"), SessionFile.DefaultFolder());
        Assert.Equal("/x/y", SessionFile.PathFor("https://localhost:7100", "/x/y"));
    }
}
